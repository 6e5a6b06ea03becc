/**
 * What the editor pass expects the editor to show, read at run time from what the package ships:
 * the codex files (nodes/**\/*.node.json) and the node types n8n loaded (`n8n export:nodes`). No
 * expected text is written here, so the checks follow the node descriptions as they change.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { ExportedNodeType } from './instance';

interface Codex {
	node?: string;
	resources?: { primaryDocumentation?: Array<{ url?: string }> };
}

interface OptionProperty {
	name: string;
	type: string;
	options?: Array<{ name: string; value: unknown; action?: string }>;
	displayOptions?: { show?: Record<string, unknown[]> };
}

function codexFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : codexFiles(full);
		return entry.name.endsWith('.node.json') ? [full] : [];
	});
}

/** The node's codex `resources.primaryDocumentation[0].url`, from the codex file whose `node` is `type`. */
export function primaryDocumentationUrl(repoDir: string, type: string): string | undefined {
	for (const file of codexFiles(path.join(repoDir, 'nodes'))) {
		const codex = JSON.parse(fs.readFileSync(file, 'utf8')) as Codex;
		if (codex.node === type) return codex.resources?.primaryDocumentation?.[0]?.url;
	}
	return undefined;
}

/** The link without the `utm_*` parameters n8n appends to a codex documentation URL. */
export function withoutUtm(href: string): string {
	const url = new URL(href);
	for (const key of [...url.searchParams.keys()]) if (key.startsWith('utm_')) url.searchParams.delete(key);
	return url.toString().replace(/\?$/, '');
}

/** https://github.com/owner/name from package.json's repository (or homepage). */
export function repositoryWebUrl(repoDir: string): string | undefined {
	const pkg = JSON.parse(fs.readFileSync(path.join(repoDir, 'package.json'), 'utf8')) as { repository?: string | { url?: string }; homepage?: string };
	const raw = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? pkg.homepage);
	const match = raw?.match(/github\.com[/:]([^/]+)\/([^/#.]+)/);
	return match ? `https://github.com/${match[1]}/${match[2]}` : undefined;
}

/**
 * Why `url` is not this package's own page for a node (its repository's `docs/nodes/<file>`, a file
 * that exists in the repository), or undefined when it is.
 */
export function notPackageNodePage(url: string | undefined, repoDir: string): string | undefined {
	if (!url) return 'no URL';
	const repo = repositoryWebUrl(repoDir);
	if (!repo) return 'package.json names no GitHub repository';
	const parsed = new URL(url);
	const base = `${parsed.origin}${parsed.pathname}`.replace(/\/$/, '');
	if (base !== repo && !base.startsWith(`${repo}/`)) return `not in ${repo}`;
	const page = parsed.pathname.match(/\/docs\/nodes\/([^/?#]+)$/)?.[1];
	if (!page) return 'not a docs/nodes/ page';
	if (!fs.existsSync(path.join(repoDir, 'docs', 'nodes', decodeURIComponent(page)))) return `docs/nodes/${page} is not in the repository`;
	return undefined;
}

/** The node type's `description` as n8n loaded it (its newest version). */
export function nodeDescription(nodeTypes: ExportedNodeType[], type: string): string | undefined {
	const description = nodeTypes.filter((t) => t.name === type).pop()?.description;
	return typeof description === 'string' ? description : undefined;
}

/** What the node's panel showed selected, as display names (the dropdowns show names, not values). */
export interface ShownSelection {
	resource?: string;
	operation?: string;
	event?: string;
}

/** What a subtitle should show for a selection: display names, and the raw values it must not be made of. */
export interface SubtitleExpectation {
	/** The chosen operation's (or event's) `action` and `name` from the node description. */
	names: string[];
	/** The parameter values behind the selection (`getMany`, `indicator`, `newQuarantinedFile`). */
	raw: string[];
}

/** The expectation for what the node's panel shows selected; no names when the selection is not in the description. */
export function subtitleExpectation(nodeTypes: ExportedNodeType[], type: string, shown: ShownSelection): SubtitleExpectation {
	const props = (nodeTypes.filter((t) => t.name === type).pop()?.properties as OptionProperty[] | undefined) ?? [];
	const options = (name: string) => props.filter((p) => p.name === name && p.type === 'options');
	const texts = (option: { name: string; action?: string } | undefined) => (option ? [option.action, option.name].filter((text): text is string => !!text) : []);
	if (shown.event !== undefined) {
		const event = options('event').flatMap((p) => p.options ?? []).find((o) => o.name === shown.event);
		return { names: texts(event), raw: event ? [String(event.value)] : [] };
	}
	const resource = options('resource').flatMap((p) => p.options ?? []).find((o) => o.name === shown.resource);
	const operation = options('operation')
		.filter((p) => !resource || (p.displayOptions?.show?.resource ?? []).includes(resource.value))
		.flatMap((p) => p.options ?? [])
		.find((o) => o.name === shown.operation);
	return { names: texts(operation), raw: [operation?.value, resource?.value].filter((v) => v !== undefined).map(String) };
}

/**
 * Why the subtitle does not show the selection's display name, or undefined when it does: it must
 * hold the `action` or `name` (case and spacing aside) and not be made of raw values only (as
 * "create: indicator", where the name "Create" alone would match).
 */
export function subtitleProblem(subtitle: string, expected: SubtitleExpectation): string | undefined {
	if (expected.names.length === 0) return 'the selection is not in the node description';
	const norm = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
	const tokens = subtitle.split(/[\s:,.]+/).filter(Boolean);
	if (tokens.length > 0 && tokens.every((token) => expected.raw.includes(token))) return 'raw parameter values';
	if (!expected.names.some((name) => norm(subtitle).includes(norm(name)))) return 'no display name of the selection';
	return undefined;
}

/** A list heading that repeats its word, as "ACTION ACTIONS" (a resource named "Action"). */
export function repeatsItsWord(heading: string): boolean {
	return /^\s*(\w+)\s+\1s?\s*$/i.test(heading);
}

/** Whether `text` holds at least half of the distinct words (4 letters or more) of `of`. */
export function coversMostWords(text: string, of: string): boolean {
	const words = (value: string) => new Set(value.toLowerCase().match(/[a-z]{4,}/g) ?? []);
	const wanted = [...words(of)];
	const have = words(text);
	return wanted.length > 0 && wanted.filter((w) => have.has(w)).length * 2 >= wanted.length;
}
