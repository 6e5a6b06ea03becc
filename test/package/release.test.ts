import * as fs from 'fs';
import * as path from 'path';

// What n8n's verification and npm's provenance look for in the release set-up. GitHub Actions
// cannot run on these machines, so the workflows are read, not run.
const yaml = require('js-yaml') as { load(text: string): unknown };

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const json = <T>(file: string) => JSON.parse(read(file)) as T;

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}
interface Job {
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, { tags?: string[]; branches?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}
interface PackageJson {
	name: string;
	version: string;
	files?: string[];
	bin?: Record<string, string>;
	dependencies?: Record<string, string>;
	workspaces?: string[];
	homepage: string;
	bugs: { url: string };
	repository: { type: string; url: string; directory?: string };
	n8n?: { strict?: boolean };
}

const workflow = (name: string) => yaml.load(read(`.github/workflows/${name}`)) as Workflow;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);
const runs = (wf: Workflow) => steps(wf).map((s) => s.run ?? '').join('\n');
const pkg = json<PackageJson>('package.json');
const sandboxPkg = json<PackageJson>('sandbox/package.json');

/** A glob of GitHub's tag filter (only `*` is used here) as a regular expression. */
const globToRegExp = (glob: string) => new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

describe('publish.yml', () => {
	const wf = workflow('publish.yml');

	it('runs on version tags only, and the tag of this version matches', () => {
		expect(Object.keys(wf.on)).toEqual(['push']);
		const tags = wf.on.push?.tags ?? [];
		expect(tags.length).toBeGreaterThan(0);
		expect(wf.on.push?.branches).toBeUndefined();
		expect(tags.some((t) => globToRegExp(t).test(`v${pkg.version}`))).toBe(true);
		expect(tags.some((t) => globToRegExp(t).test('main'))).toBe(false);
	});

	it('may mint an OIDC token (id-token: write) for the provenance statement', () => {
		for (const job of Object.values(wf.jobs)) {
			expect(job.permissions?.['id-token'] ?? wf.permissions?.['id-token']).toBe('write');
		}
	});

	it('installs with npm ci on a pinned Node version with npm 11, and never npm install', () => {
		const setup = steps(wf).find((s) => s.uses?.startsWith('actions/setup-node@'));
		expect(String(setup?.with?.['node-version'])).toMatch(/^(2[4-9]|[3-9]\d)(\.x|\.\d+\.\d+)?$/);
		expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
		expect(runs(wf)).toMatch(/^npm ci$/m);
		expect(runs(wf)).not.toMatch(/npm (install|i)\b/);
	});

	it('publishes both packages with --provenance, after lint, build, test and verify', () => {
		const publishes = steps(wf).filter((s) => /npm publish/.test(s.run ?? ''));
		expect(publishes).toHaveLength(2);
		for (const s of publishes) expect(s.run).toMatch(/--provenance/);
		expect(publishes.some((s) => s.run?.includes(`--workspace ${sandboxPkg.name}`))).toBe(true);
		const order = steps(wf).map((s) => s.run ?? '');
		const first = order.findIndex((r) => /npm publish/.test(r));
		for (const before of ['npm run lint', 'npm run build', 'npm test', 'npm run verify']) {
			const at = order.findIndex((r) => r.includes(before));
			expect({ before, at: at >= 0 && at < first }).toEqual({ before, at: true });
		}
	});
});

describe('ci.yml', () => {
	const wf = workflow('ci.yml');

	it('runs on pushes to main and on pull requests', () => {
		expect(wf.on.push?.branches).toEqual(['main']);
		expect('pull_request' in wf.on).toBe(true);
	});

	it('installs with npm ci, then lints, builds, tests and verifies like n8n', () => {
		const setup = steps(wf).find((s) => s.uses?.startsWith('actions/setup-node@'));
		expect(setup?.with?.['node-version']).toBeDefined();
		const script = runs(wf);
		for (const command of ['npm ci', 'npm run lint', 'npm run build', 'npm test', 'npm run verify']) {
			expect(script).toContain(command);
		}
		expect(script).not.toMatch(/npm (install|i)\b/);
	});
});

describe('package.json of both packages', () => {
	it('has a semver version, the same in both, with a CHANGELOG section', () => {
		expect(pkg.version).toMatch(SEMVER);
		expect(sandboxPkg.version).toBe(pkg.version);
		expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
	});

	it('has repository, homepage and bugs pointing at the same GitHub repository', () => {
		for (const p of [pkg, sandboxPkg]) {
			const m = /^git\+https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)\.git$/.exec(p.repository.url);
			expect(m).not.toBeNull();
			const web = `https://github.com/${m![1]}/${m![2]}`;
			expect(p.homepage.startsWith(`${web}#`) || p.homepage.startsWith(`${web}/`)).toBe(true);
			expect(p.bugs.url).toBe(`${web}/issues`);
		}
		expect(sandboxPkg.repository.url).toBe(pkg.repository.url);
		expect(sandboxPkg.repository.directory).toBe('sandbox');
	});

	it('has no runtime dependencies', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(sandboxPkg.dependencies ?? {}).toEqual({});
	});

	it('ships only what n8n loads; the sandbox is a workspace package with a bin', () => {
		expect(pkg.files).toEqual(['dist/nodes', 'dist/credentials', 'dist/icons']);
		expect(pkg.workspaces).toEqual(['sandbox']);
		const build = json<{ include: string[] }>('tsconfig.build.json');
		expect(build.include.filter((g) => !/^(nodes|credentials)\//.test(g))).toEqual([]);
		expect(sandboxPkg.bin?.[sandboxPkg.name]).toBe('dist/bin.js');
		expect(read('sandbox/bin.ts').startsWith('#!/usr/bin/env node\n')).toBe(true);
		expect(read('README.md')).toContain(`npx ${sandboxPkg.name}`);
	});

	it("keeps n8n-node lint's strict mode with node-cli's own eslint config", () => {
		expect(pkg.n8n?.strict).toBe(true);
		expect(read('eslint.config.mjs').replace(/\s+/g, ' ').trim()).toBe("import { config } from '@n8n/node-cli/eslint'; export default config;");
	});
});
