/**
 * Reads the files of a source checkout, either a directory with a work tree or a bare git
 * directory (such as the mirrors under /work/.mirror/<owner>+<name>/repo), without extracting it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SourceTree {
	/** What the files were read from, for messages. */
	readonly location: string;
	/** Every file path (relative, `/`-separated) under `dir`, recursively, sorted. */
	list(dir: string): string[];
	/** The text of a file, or undefined when there is none. */
	read(file: string): string | undefined;
	/** Commit id and `<committer date> <subject>` when the tree is a git repository. */
	commit(): { commit: string; date: string } | undefined;
}

function git(gitDir: string, args: string[], input?: string): string {
	return execFileSync('git', [`--git-dir=${gitDir}`, ...args], {
		encoding: 'utf8',
		input,
		maxBuffer: 1024 * 1024 * 1024,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
}

function isBareGitDir(dir: string): boolean {
	return fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects'));
}

class WorkTree implements SourceTree {
	constructor(readonly location: string) {}

	list(dir: string): string[] {
		const root = path.join(this.location, dir);
		if (!fs.existsSync(root)) return [];
		const out: string[] = [];
		const walk = (rel: string) => {
			for (const entry of fs.readdirSync(path.join(this.location, rel), { withFileTypes: true })) {
				const child = rel ? `${rel}/${entry.name}` : entry.name;
				if (entry.isDirectory()) walk(child);
				else out.push(child);
			}
		};
		walk(dir.replace(/\/+$/, ''));
		return out.sort();
	}

	read(file: string): string | undefined {
		const full = path.join(this.location, file);
		return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
	}

	commit(): { commit: string; date: string } | undefined {
		try {
			const sha = execFileSync('git', ['-C', this.location, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
			const date = execFileSync('git', ['-C', this.location, 'log', '-1', '--format=%cd %s'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
			return { commit: sha, date };
		} catch {
			return undefined;
		}
	}
}

/** A bare git directory: files are listed with ls-tree and read in one `cat-file --batch` per prefetch. */
class BareGit implements SourceTree {
	private readonly cache = new Map<string, string>();
	private readonly listed = new Map<string, string[]>();

	constructor(
		readonly location: string,
		private readonly rev = 'HEAD',
	) {}

	list(dir: string): string[] {
		const key = dir.replace(/\/+$/, '');
		const known = this.listed.get(key);
		if (known) return known;
		const out = git(this.location, ['ls-tree', '-r', '--name-only', this.rev, '--', `${key}/`])
			.split('\n')
			.filter(Boolean)
			.sort();
		this.listed.set(key, out);
		return out;
	}

	/** Reads many files at once (one git process). */
	prefetch(files: string[]): void {
		const wanted = files.filter((f) => !this.cache.has(f));
		if (wanted.length === 0) return;
		const raw = execFileSync('git', [`--git-dir=${this.location}`, 'cat-file', '--batch'], {
			input: wanted.map((f) => `${this.rev}:${f}`).join('\n') + '\n',
			maxBuffer: 1024 * 1024 * 1024,
		});
		let at = 0;
		for (const file of wanted) {
			const eol = raw.indexOf(0x0a, at);
			const header = raw.subarray(at, eol).toString('utf8');
			at = eol + 1;
			const m = /^\S+ blob (\d+)$/.exec(header);
			if (!m) continue; // "<rev>:<file> missing"
			const size = Number(m[1]);
			this.cache.set(file, raw.subarray(at, at + size).toString('utf8'));
			at += size + 1;
		}
	}

	read(file: string): string | undefined {
		if (!this.cache.has(file)) this.prefetch([file]);
		return this.cache.get(file);
	}

	commit(): { commit: string; date: string } | undefined {
		const sha = git(this.location, ['rev-parse', this.rev]).trim();
		const date = git(this.location, ['log', '-1', '--format=%cd %s', this.rev]).trim();
		return { commit: sha, date };
	}
}

export function openSource(location: string): SourceTree & { prefetch?(files: string[]): void } {
	const resolved = path.resolve(location);
	if (!fs.existsSync(resolved)) throw new Error(`No such checkout: ${location}`);
	return isBareGitDir(resolved) ? new BareGit(resolved) : new WorkTree(resolved);
}
