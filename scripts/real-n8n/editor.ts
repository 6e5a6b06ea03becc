/**
 * Editor screenshots of a real n8n, driven by Debian's Chromium through playwright-core.
 *
 * With the server test-n8n.ts started (our package installed the way n8n installs it):
 *  1. owner setup through the form at /setup (or the sign-in form when an owner exists);
 *  2. a new workflow with a manual trigger;
 *  3. the nodes panel searched for "CrowdStrike" and "Cytomic" (each term that names a node
 *     package.json declares); every declared node must be in its term's results;
 *  4. each declared node: clicked in the panel (its list of actions), its first action added,
 *     then its Resource, Operation (or Event) dropdown opened in the node's panel; the options
 *     shown must be the ones the node type describes;
 *  5. the canvas with every node added.
 *
 * Checks of what a newcomer reads (issue 13), with the expected text read at run time from the node
 * types n8n loaded and the codex files (editor-expectations.ts):
 *  - the nodes panel entry of each node shows that node's description: a trigger's where triggers
 *    are listed (the first step of a new workflow), an action node's when adding an action (after
 *    the first step), also where n8n merges a node and its trigger into one entry ("Cytomic Orion");
 *  - a node's list of actions has no heading that repeats its word ("ACTION ACTIONS");
 *  - the node window's Docs link is the codex's `resources.primaryDocumentation`, and that is this
 *    package's docs/nodes page;
 *  - each node's subtitle on the canvas shows the display name of its operation or event (from the
 *    node description), not the raw values, and is not cut off.
 *
 * Files go to docs/screenshots/ with stable names (index.json lists them, with captions, and
 * README.md there shows them); files an earlier run listed and this one did not make are
 * removed. The browser only reaches loopback: every other request is aborted (the editor asks
 * registry.npmjs.org about community packages) and counted.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { BrowserContext, Page } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_BIN, ensureChromium } from './chromium';
import {
	nodeDescription,
	notPackageNodePage,
	primaryDocumentationUrl,
	repeatsItsWord,
	subtitleExpectation,
	subtitleProblem,
	withoutUtm,
	type ShownSelection,
	coversMostWords,
} from './editor-expectations';
import { REPO_DIR } from './examples';
import { DEFAULT_OWNER, type ExportedNodeType, type N8nInstance } from './instance';
import type { DeclaredNode, PackageInfo } from './package-info';
import { N8N_VERSION } from './paths';

export const SEARCH_TERMS = ['CrowdStrike', 'Cytomic'];
const VIEWPORT = { width: 1280, height: 800 };
const TIMEOUT = 30_000;
/** Loading the editor's bundle on a busy machine can take longer than any click. */
const LOAD_TIMEOUT = 120_000;

export interface Screenshot {
	file: string;
	caption: string;
	node?: string;
}

export interface EditorScreenshotOptions {
	instance: Pick<N8nInstance, 'url'>;
	pkg: PackageInfo;
	/** From `n8n export:nodes`: the options each dropdown must show. */
	nodeTypes: ExportedNodeType[];
	outDir: string;
	workDir: string;
	log: (line: string) => void;
	check: (name: string, ok: boolean, detail?: unknown) => void;
}

interface OptionProperty {
	name: string;
	type: string;
	options?: Array<{ name: string; value: unknown }>;
}

/** Every option name of the node's `param` properties (operation has one property per resource). */
function expectedOptions(nodeTypes: ExportedNodeType[], type: string, param: string): Set<string> {
	const names = new Set<string>();
	for (const t of nodeTypes.filter((x) => x.name === type)) {
		for (const p of ((t.properties as OptionProperty[] | undefined) ?? []).filter((x) => x.name === param && x.type === 'options')) {
			for (const o of p.options ?? []) names.add(o.name);
		}
	}
	return names;
}

interface DisplayedProperty extends OptionProperty {
	displayOptions?: { show?: Record<string, unknown[]> };
}

/** The resource (display name) with the most operations: its Operation dropdown says the most. */
function richestResource(nodeTypes: ExportedNodeType[], type: string): string | undefined {
	const t = nodeTypes.filter((x) => x.name === type).pop();
	const props = (t?.properties as DisplayedProperty[] | undefined) ?? [];
	const resource = props.find((p) => p.name === 'resource' && p.type === 'options');
	let best: { name: string; count: number } | undefined;
	for (const r of resource?.options ?? []) {
		const count = props
			.filter((p) => p.name === 'operation' && p.type === 'options' && (p.displayOptions?.show?.resource ?? []).includes(r.value))
			.reduce((n, p) => n + (p.options?.length ?? 0), 0);
		if (!best || count > best.count) best = { name: r.name, count };
	}
	return best?.name;
}

function resourceCount(nodeTypes: ExportedNodeType[], type: string): number {
	const props = (nodeTypes.filter((x) => x.name === type).pop()?.properties as OptionProperty[] | undefined) ?? [];
	return props.find((p) => p.name === 'resource' && p.type === 'options')?.options?.length ?? 0;
}

/** The node window's Docs link goes to the codex's primaryDocumentation, this package's page for the node. */
async function checkDocsLink(page: Page, node: DeclaredNode, check: EditorScreenshotOptions['check']): Promise<void> {
	// 2.41 shows it as "Docs" at the top right of the node window; older layouts as a Docs tab.
	const link = page.locator('a[href]:visible', { hasText: /^\s*Docs\s*$/ }).or(page.locator('[data-test-id="tab-docs"] a[href]')).first();
	const href = (await link.count()) > 0 ? await link.getAttribute('href') : null;
	const codexUrl = primaryDocumentationUrl(REPO_DIR, node.type);
	check(
		`${node.displayName}: the node window's Docs link is the codex's resources.primaryDocumentation`,
		!!href && !!codexUrl && withoutUtm(href) === codexUrl,
		`Docs link: ${href ?? 'none found'}; codex: ${codexUrl ?? 'none'}`,
	);
	const problem = notPackageNodePage(codexUrl, REPO_DIR);
	check(`${node.displayName}: the Docs link opens this package's docs/nodes page for it`, problem === undefined, `${codexUrl ?? 'none'}${problem ? `: ${problem}` : ''}`);
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The name the nodes panel shows: n8n drops " Trigger" from trigger nodes (and merges a trigger
 * into the action node of the same name, e.g. "Cytomic Orion" holds both). */
export function panelNameFor(node: Pick<DeclaredNode, 'displayName' | 'isTrigger'>): string {
	return node.isTrigger ? node.displayName.replace(/\s*Trigger$/, '') : node.displayName;
}

function exactName(name: string): RegExp {
	return new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`);
}

export function searchTermFor(node: Pick<DeclaredNode, 'displayName'>): string {
	return SEARCH_TERMS.find((t) => node.displayName.toLowerCase().includes(t.toLowerCase())) ?? node.displayName;
}

/** Polls fn until it returns something (or throws after the timeout). */
async function waitFor<T>(page: Page, fn: () => Promise<T | undefined>, timeoutMs = TIMEOUT): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for the editor`);
		await page.waitForTimeout(200);
	}
}

/** The canvas's own Tidy up and Zoom to fit buttons: every node in view, none overlapping. */
async function tidyAndFit(page: Page): Promise<void> {
	await page.locator('[data-test-id="tidy-up-button"]').click({ timeout: 5000 }).catch(() => undefined);
	await page.waitForTimeout(300);
	await page.locator('[data-test-id="zoom-to-fit"]').click({ timeout: 5000 }).catch(() => undefined);
	await page.waitForTimeout(500);
}

const PANEL_ENTRIES = '[data-test-id="node-creator"] [data-test-id="node-creator-item-name"], [data-test-id="node-creator"] [data-test-id="node-creator-category-item"]';

/** The node details panel's headings ("Actions (5)", "Triggers (1)") and entries, in order. */
async function panelEntries(page: Page): Promise<Array<{ text: string; category: boolean }>> {
	return await page.locator(PANEL_ENTRIES).evaluateAll((els) =>
		els.map((e) => ({ text: (e.textContent ?? '').trim(), category: e.getAttribute('data-test-id') === 'node-creator-category-item' })),
	);
}

/** Opens the "Triggers" section of the node details panel when it is collapsed. */
async function expandTriggers(page: Page): Promise<void> {
	const entries = await panelEntries(page);
	const at = entries.findIndex((e) => e.category && /^Triggers\b/.test(e.text));
	if (at < 0) return;
	if (at + 1 < entries.length && !entries[at + 1].category) return;
	await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-category-item"]', { hasText: /^\s*Triggers\b/ }).first().click();
	await page.waitForTimeout(600);
}

async function settle(page: Page, ms = 400): Promise<void> {
	await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
	await page.waitForTimeout(ms);
}

async function ownerSetupOrLogin(page: Page, baseUrl: string, shoot: (file: string, caption: string) => Promise<void>): Promise<'setup' | 'login'> {
	await page.goto(`${baseUrl}/setup`);
	const form = page.locator('[data-test-id="setup-form"]');
	const signin = page.locator('[data-test-id="auth-form"] input[type="password"]');
	await Promise.race([
		form.locator('input[name="email"]').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT }),
		signin.waitFor({ state: 'visible', timeout: LOAD_TIMEOUT }),
	]);
	if (await form.locator('input[name="email"]').isVisible()) {
		await form.locator('input[name="email"]').fill(DEFAULT_OWNER.email);
		await form.locator('input[name="firstName"]').fill(DEFAULT_OWNER.firstName);
		await form.locator('input[name="lastName"]').fill(DEFAULT_OWNER.lastName);
		await form.locator('input[name="password"]').fill(DEFAULT_OWNER.password);
		await shoot('owner-setup.png', 'First start: the owner account form');
		await page.locator('[data-test-id="form-submit-button"]').click();
		await page.waitForURL((u) => !u.pathname.startsWith('/setup'), { timeout: TIMEOUT });
		return 'setup';
	}
	const auth = page.locator('[data-test-id="auth-form"]');
	await auth.locator('input[type="email"]').fill(DEFAULT_OWNER.email);
	await auth.locator('input[type="password"]').fill(DEFAULT_OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: TIMEOUT });
	return 'login';
}

async function openNodesPanel(page: Page, search: string): Promise<void> {
	const input = page.locator('[data-test-id="node-creator-search-bar"]');
	if (!(await input.isVisible())) {
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		await input.waitFor({ state: 'visible', timeout: TIMEOUT });
	}
	await input.fill('');
	if (search) await input.fill(search);
	await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]').first().waitFor({ state: 'visible', timeout: TIMEOUT });
	await settle(page, 500);
}

async function closeNodesPanel(page: Page): Promise<void> {
	const input = page.locator('[data-test-id="node-creator-search-bar"]');
	for (let i = 0; i < 3 && (await input.isVisible()); i++) {
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

async function resultNames(page: Page): Promise<string[]> {
	return (await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]').allInnerTexts()).map((t) => t.trim());
}

/** Each entry of the nodes panel: its name and the description shown under it. */
async function entryDescriptions(page: Page): Promise<Map<string, string>> {
	const pairs = await page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]').evaluateAll((els) =>
		els.map((el) => {
			// Up to the element that holds this entry's description, never one holding another entry.
			let box = el.parentElement;
			while (box && !box.querySelector('[data-test-id="node-creator-item-description"]') && box.querySelectorAll('[data-test-id="node-creator-item-name"]').length === 1) box = box.parentElement;
			const own = box && box.querySelectorAll('[data-test-id="node-creator-item-name"]').length === 1;
			const description = own ? box?.querySelector('[data-test-id="node-creator-item-description"]')?.textContent : undefined;
			return [(el.textContent ?? '').trim(), (description ?? '').replace(/\s+/g, ' ').trim()] as [string, string];
		}),
	);
	return new Map(pairs);
}

/** Checks that the entry of each node shows the node's own description (where `nodes` are added). */
async function checkEntryDescriptions(page: Page, term: string, nodes: DeclaredNode[], where: string, opts: EditorScreenshotOptions): Promise<void> {
	const shown = await entryDescriptions(page);
	const describe = (type: string) => (nodeDescription(opts.nodeTypes, type) ?? '').replace(/\s+/g, ' ').trim();
	for (const node of nodes) {
		const name = panelNameFor(node);
		const own = describe(node.type);
		const text = shown.get(name);
		// n8n merges a node with its trigger (same name + "Trigger") into one entry that shows the
		// trigger's description: there, that text must also say what the action node does.
		const trigger = node.isTrigger ? '' : describe(`${node.type}Trigger`);
		const expected = trigger || own;
		const covered = !trigger || coversMostWords(trigger, own);
		opts.check(
			`nodes panel, ${where}, "${term}": the "${name}" entry shows ${trigger ? `the description n8n merges from its trigger, which covers ${node.displayName}'s actions` : `${node.displayName}'s description`}`,
			text !== undefined && expected !== '' && text === expected && covered,
			`shown: ${text === undefined ? `no entry "${name}" (entries: ${[...shown.keys()].join(', ')})` : `"${text}"`}; expected "${expected}"${trigger ? `, covering "${own}"` : ''}`,
		);
	}
}

/** The headings of the list of a node's actions (label rows, e.g. "INDICATOR ACTIONS"). */
async function actionHeadings(page: Page): Promise<string[]> {
	return (await page.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]:not([data-keyboard-nav-type])').allInnerTexts())
		.map((t) => t.replace(/\s+/g, ' ').trim())
		.filter(Boolean);
}

/** What a parameter's dropdown shows selected (its display name), or undefined when it is not shown. */
async function shownOption(page: Page, param: string): Promise<string | undefined> {
	const field = page.locator(`[data-test-id="parameter-input-${param}"]`).first();
	if (!(await field.isVisible().catch(() => false))) return undefined;
	const input = field.locator('input').first();
	const value = (await input.count()) > 0 ? await input.inputValue().catch(() => '') : '';
	return (value || (await field.innerText()).split('\n')[0]).trim() || undefined;
}

/** The node's subtitle on the canvas, and whether it is cut off. */
async function canvasSubtitle(page: Page, type: string): Promise<{ text: string; cut: boolean } | undefined> {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-type="${type}"]`).first();
	if ((await node.count()) === 0) return undefined;
	return await node.evaluate((el) => {
		const sub = el.querySelector('[class*="_subtitle_"]');
		if (!sub) return undefined;
		return { text: (sub.textContent ?? '').replace(/\s+/g, ' ').trim(), cut: sub.scrollWidth > sub.clientWidth + 1 || sub.scrollHeight > sub.clientHeight + 1 };
	});
}

async function visibleOptionNames(page: Page): Promise<string[]> {
	const items = page.locator('[data-test-id="parameter-input-item"]:visible');
	await items.first().waitFor({ state: 'visible', timeout: TIMEOUT });
	await page.waitForTimeout(400);
	const texts = await items.evaluateAll((els) =>
		els.map((e) => ((e.querySelector('.option-headline') ?? e).textContent ?? '').trim()),
	);
	return texts.filter(Boolean);
}

async function closeDropdown(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page
		.locator('[data-test-id="parameter-input-item"]:visible')
		.first()
		.waitFor({ state: 'hidden', timeout: 5000 })
		.catch(() => undefined);
}

function loadIndex(outDir: string): Screenshot[] {
	try {
		return JSON.parse(fs.readFileSync(path.join(outDir, 'index.json'), 'utf8')) as Screenshot[];
	} catch {
		return [];
	}
}

function writeIndex(outDir: string, shots: Screenshot[], meta: { n8n: string; chromium: string }): void {
	const previous = loadIndex(outDir);
	for (const old of previous) {
		if (!shots.some((s) => s.file === old.file)) fs.rmSync(path.join(outDir, old.file), { force: true });
	}
	fs.writeFileSync(path.join(outDir, 'index.json'), JSON.stringify(shots, null, 2) + '\n');
	const lines = [
		'# Editor screenshots',
		'',
		`Taken by \`npm run test:n8n\` (scripts/real-n8n/editor.ts) in a real n8n ${meta.n8n} with this package installed the way`,
		`n8n installs community packages, in headless ${meta.chromium}. Regenerated on every run; do not edit by hand.`,
		'',
		...shots.flatMap((s) => [`## ${s.caption}`, '', `![${s.caption}](${s.file})`, '']),
	];
	fs.writeFileSync(path.join(outDir, 'README.md'), lines.join('\n'));
}

export async function takeEditorScreenshots(opts: EditorScreenshotOptions): Promise<Screenshot[]> {
	const { pkg, log, check } = opts;
	const chromium = await ensureChromium({ log, logDir: opts.workDir });
	log(`${chromium.bin}: ${chromium.version}${chromium.installedNow ? ` (installed now, ${chromium.seconds.toFixed(1)}s)` : ''}`);
	// Loaded here, not at the top: the rest of test-n8n works without it.
	const { chromium: pw } = await import('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-chromium-'));
	const tmpShots = path.join(opts.workDir, 'screenshots');
	fs.mkdirSync(tmpShots, { recursive: true });
	const shots: Screenshot[] = [];
	const blocked = new Map<string, number>();
	let context: BrowserContext | undefined;
	try {
		context = await pw.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM_BIN,
			headless: true,
			args: [...CHROMIUM_ARGS],
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
			timezoneId: 'UTC',
			colorScheme: 'light',
			reducedMotion: 'reduce',
			serviceWorkers: 'block',
			timeout: 60_000,
		});
		// Loopback only: anything else is aborted, never fetched.
		await context.route('**/*', async (route) => {
			const u = new URL(route.request().url());
			if (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.protocol === 'data:' || u.protocol === 'blob:') {
				return await route.continue();
			}
			blocked.set(u.origin, (blocked.get(u.origin) ?? 0) + 1);
			return await route.abort('blockedbyclient');
		});
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(TIMEOUT);
		page.setDefaultNavigationTimeout(LOAD_TIMEOUT);

		const shoot = async (file: string, caption: string, node?: string) => {
			// The pointer off every control, so no hover state or tooltip is in the picture.
			await page.mouse.move(450, 10);
			await page.waitForTimeout(250);
			await page.screenshot({ path: path.join(tmpShots, file) });
			shots.push({ file, caption, node });
			log(`screenshot ${file}: ${caption}`);
		};

		// 1. Owner
		const how = await ownerSetupOrLogin(page, opts.instance.url, shoot);
		check(`owner ${how === 'setup' ? 'set up through the /setup form' : 'signed in'}`, true, page.url());

		// 2. New workflow with a manual trigger
		await page.goto(`${opts.instance.url}/workflow/new`);
		await page.locator('[data-test-id="node-creator-plus-button"]').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT });
		await settle(page);
		// The first step lists triggers: each trigger's entry shows the trigger's description.
		const terms = SEARCH_TERMS.filter((t) => pkg.nodes.some((n) => searchTermFor(n) === t));
		for (const term of terms.filter((t) => pkg.nodes.some((n) => n.isTrigger && searchTermFor(n) === t))) {
			await openNodesPanel(page, term);
			await checkEntryDescriptions(page, term, pkg.nodes.filter((n) => n.isTrigger && searchTermFor(n) === term), 'adding the first step (triggers)', opts);
			await shoot(`nodes-panel-${term.toLowerCase()}-first-step.png`, `Nodes panel on a new workflow (triggers), search "${term}"`);
		}
		await openNodesPanel(page, '');
		const manual = page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', { hasText: /^Trigger manually$/ });
		await manual.first().click();
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible' });
		await closeNodesPanel(page);
		await settle(page);

		// 3. Search terms (after the first step: adding an action)
		for (const term of terms) {
			await openNodesPanel(page, term);
			await checkEntryDescriptions(page, term, pkg.nodes.filter((n) => !n.isTrigger && searchTermFor(n) === term), 'adding an action', opts);
			const names = await resultNames(page);
			const wanted = [...new Set(pkg.nodes.filter((n) => searchTermFor(n) === term).map((n) => panelNameFor(n)))];
			check(
				`nodes panel: searching "${term}" lists ${wanted.map((w) => `"${w}"`).join(', ')}`,
				wanted.every((w) => names.includes(w)),
				`results: ${names.join(', ')}`,
			);
			await shoot(`nodes-panel-${term.toLowerCase()}.png`, `Nodes panel, search "${term}"`);
			await closeNodesPanel(page);
		}

		// 4. Each node
		const selections = new Map<string, ShownSelection>();
		for (const node of pkg.nodes) {
			// The "+" on the output of the last node: the node added next is connected after it.
			await tidyAndFit(page);
			const handlePlus = page.locator('[data-test-id="canvas-handle-plus"]').last();
			if (await handlePlus.isVisible().catch(() => false)) {
				await handlePlus.click();
				await page.locator('[data-test-id="node-creator-search-bar"]').waitFor({ state: 'visible' });
			}
			await openNodesPanel(page, searchTermFor(node));
			const item = page.locator('[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]', { hasText: exactName(panelNameFor(node)) }).first();
			const headers = page.locator('[data-test-id="node-creator"] [data-test-id="nodes-list-header"]');
			const searchHeader = (await headers.first().innerText()).trim();
			await item.click();
			const ndv = page.locator('[data-test-id="node-parameters"]');
			// Either the node's panel opens (no actions to choose), or the nodes panel slides to the
			// node's actions: wait until one header is left and it is not the search list's.
			const view = await waitFor(page, async () => {
				if (await ndv.isVisible()) return 'ndv';
				const texts = (await headers.allInnerTexts()).map((t) => t.trim());
				return texts.length === 1 && texts[0] !== searchHeader ? 'actions' : undefined;
			});
			if (view === 'actions') {
				await settle(page, 500);
				const actions = await resultNames(page);
				if (node.isTrigger) await expandTriggers(page);
				const listed = await panelEntries(page);
				const triggersAt = listed.findIndex((e) => e.category && /^Triggers\b/.test(e.text));
				// An action node's first action; a trigger's first event (after the "Triggers" heading).
				const pickIndex = listed.findIndex((e, i) => !e.category && (node.isTrigger ? triggersAt >= 0 && i > triggersAt : triggersAt < 0 || i < triggersAt));
				const names = listed.filter((e, i) => !e.category && (node.isTrigger ? i > triggersAt : triggersAt < 0 || i < triggersAt)).map((e) => e.text);
				await shoot(`${node.slug}-${node.isTrigger ? 'triggers' : 'actions'}.png`, `${node.displayName}: its ${node.isTrigger ? 'trigger events' : 'actions'} in the nodes panel`, node.name);
				if (!node.isTrigger && resourceCount(opts.nodeTypes, node.type) > 1) {
					const headings = await actionHeadings(page);
					check(
						`${node.displayName}: its actions list has a heading per resource and none repeats its word (as "ACTION ACTIONS")`,
						headings.length > 0 && !headings.some(repeatsItsWord),
						`headings: ${headings.join(' | ') || 'none found'}`,
					);
				}
				check(`${node.displayName}: the nodes panel lists its ${node.isTrigger ? 'trigger events' : 'actions'}`, names.length > 0 && pickIndex >= 0, names.join(', ') || actions.join(', '));
				await page.locator(PANEL_ENTRIES).nth(pickIndex).click();
				await ndv.waitFor({ state: 'visible' });
			}
			await settle(page, 600);
			await checkDocsLink(page, node, check);
			let opened = 0;
			for (const param of ['resource', 'operation', 'event']) {
				const input = page.locator(`[data-test-id="parameter-input-${param}"]`).first();
				if (!(await input.isVisible().catch(() => false))) continue;
				await input.click();
				const shown = await visibleOptionNames(page);
				const expected = expectedOptions(opts.nodeTypes, node.type, param);
				const unexpected = shown.filter((s) => !expected.has(s));
				check(
					`${node.displayName}: the ${param} dropdown shows the node's options`,
					shown.length > 0 && unexpected.length === 0,
					`shown: ${shown.join(', ')}${unexpected.length ? `; not in the node type: ${unexpected.join(', ')}` : ''}`,
				);
				const plural = param === 'resource' ? 'resources' : param === 'operation' ? 'operations' : 'events';
				await shoot(`${node.slug}-${plural}.png`, `${node.displayName}: ${param === 'resource' ? 'Resource' : param === 'operation' ? 'Operation' : 'Event'} dropdown`, node.name);
				opened++;
				const richest = param === 'resource' ? richestResource(opts.nodeTypes, node.type) : undefined;
				const option = richest
					? page.locator('[data-test-id="parameter-input-item"]:visible').filter({ has: page.locator('.option-headline', { hasText: new RegExp(`^${escapeRegExp(richest)}$`) }) })
					: undefined;
				if (option && (await option.count()) > 0 && (await option.first().getAttribute('aria-selected')) !== 'true') {
					// Show the Operation dropdown of the resource with the most operations.
					await option.first().click();
					await settle(page, 500);
				} else {
					await closeDropdown(page);
				}
			}
			if (opened === 0) {
				await shoot(`${node.slug}-parameters.png`, `${node.displayName}: its parameters`, node.name);
			}
			check(`${node.displayName}: added to the canvas and a Resource/Operation/Event dropdown opened`, opened > 0, `${opened} dropdown(s)`);
			selections.set(node.type, { resource: await shownOption(page, 'resource'), operation: await shownOption(page, 'operation'), event: await shownOption(page, 'event') });
			await page.locator('[data-test-id="ndv-close-button"]').click();
			await ndv.waitFor({ state: 'hidden' });
			await settle(page, 300);
		}

		// 5. The canvas: everything in view, nothing selected
		await tidyAndFit(page);
		for (const node of pkg.nodes) {
			const shown = selections.get(node.type) ?? {};
			const expected = subtitleExpectation(opts.nodeTypes, node.type, shown);
			const subtitle = await canvasSubtitle(page, node.type);
			const problem = subtitle ? (subtitleProblem(subtitle.text, expected) ?? (subtitle.cut ? 'cut off' : undefined)) : 'no subtitle found';
			const selected = Object.entries(shown).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} "${String(v)}"`).join(', ');
			check(
				`${node.displayName}: its canvas subtitle shows the display name of its ${node.isTrigger ? 'event' : 'operation'}, not cut off`,
				problem === undefined,
				`subtitle: ${subtitle ? `"${subtitle.text}"` : 'none'}${problem ? ` (${problem})` : ''}; expected one of: ${expected.names.map((n) => `"${n}"`).join(' / ') || 'none'}; selected: ${selected}`,
			);
		}
		await page.locator('[data-test-id="zoom-out-button"]').click({ timeout: 5000 }).catch(() => undefined);
		// A click on empty canvas deselects (Tidy up lays the nodes out from the top left, so the
		// bottom right is empty); a selected trigger would show its "Execute workflow" button.
		await page.mouse.click(VIEWPORT.width - 120, VIEWPORT.height - 170);
		await page.waitForTimeout(300);
		await settle(page, 500);
		const onCanvas = await page.locator('[data-test-id="canvas-node"]').count();
		check('canvas: the manual trigger and every node of ours', onCanvas === pkg.nodes.length + 1, `${onCanvas} node(s) on the canvas`);
		await shoot('workflow-canvas.png', 'A workflow with every node of the package');

		// Only now replace what docs/screenshots holds: a failed run leaves the old set alone.
		fs.mkdirSync(opts.outDir, { recursive: true });
		for (const s of shots) fs.copyFileSync(path.join(tmpShots, s.file), path.join(opts.outDir, s.file));
		writeIndex(opts.outDir, shots, { n8n: N8N_VERSION, chromium: chromium.version.split(' built')[0] });
		log(`${shots.length} screenshot(s) in ${opts.outDir}`);
		if (blocked.size) log(`aborted non-loopback requests: ${[...blocked].map(([o, n]) => `${o} ×${n}`).join(', ')}`);
		return shots;
	} catch (e) {
		if (context) {
			const page = context.pages()[0];
			const file = path.join(opts.workDir, 'editor-failure.png');
			await page?.screenshot({ path: file }).catch(() => undefined);
			log(`editor step failed at ${page?.url() ?? '?'}; screenshot ${file}`);
		}
		check('editor screenshots ran to the end', false, (e as Error).message.split('\n').slice(0, 6).join(' | '));
		return shots;
	} finally {
		await context?.close().catch(() => undefined);
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}
