/** bench/RESULTS.md from the runs of one `npm run bench`. */
import * as fs from 'fs';

import { BOUND_CONCURRENCY, LATENCY_MS, RATE_LIMIT_PER_MINUTE } from './config';
import { CONTENDERS, best, type ContenderId, type RunRecord } from './contenders';
import { scenarioBoundMs, type Scenario } from './scenarios';

export interface ProfileSummary {
	/** Which scenario the profile ran. */
	scenario?: number;
	label: string;
	file: string;
	wallMs: number;
	totalMs: number;
	categories: Array<{ name: string; ms: number }>;
}

export interface ReportInput {
	startedAt: Date;
	durationMs: number;
	command: string;
	machine: { cpus: number; model: string; memGb: number; node: string; n8n?: string };
	git: { commit: string; dirty: string[] };
	repeat: number;
	baselineRepeat: number;
	scenarios: Scenario[];
	contenders: ContenderId[];
	runs: RunRecord[];
	profiles: ProfileSummary[];
	phases: Array<[string, number]>;
	skipped: string[];
}

const s = (ms: number) => (ms >= 100_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const ratio = (value: number) =>
	value >= 100 ? `${value.toFixed(0)}×` : value >= 10 ? `${value.toFixed(1)}×` : value >= 0.1 ? `${value.toFixed(2)}×` : `1/${Math.round(1 / value)}`;
const int = (n: number) => n.toLocaleString('en-US');
/** A peak memory; 0 when the process was killed before it could say. */
const mbOf = (mb: number) => (mb > 0 ? `${int(mb)} MB` : '–');
const mark = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? '**met**' : '**missed**');

function runsOf(input: ReportInput, scenario: Scenario, contender: ContenderId): RunRecord[] {
	return input.runs.filter((run) => run.scenario === scenario.id && run.contender === contender);
}

function bestOf(input: ReportInput, scenario: Scenario, contender: ContenderId): RunRecord | undefined {
	return best(runsOf(input, scenario, contender));
}

function loadRange(runs: RunRecord[]): string {
	const loads = runs.flatMap((run) => run.load);
	if (loads.length === 0) return 'n/a';
	const sorted = [...loads].sort((a, b) => a - b);
	return `${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)} (median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)})`;
}

function scenarioTable(input: ReportInput, scenario: Scenario): string[] {
	const bound = scenarioBoundMs(scenario);
	const a = bestOf(input, scenario, 'http');
	const b = bestOf(input, scenario, 'plain');
	const lines = [
		`### ${scenario.number}. ${scenario.title}`,
		'',
		`Bound: **${s(bound)}** (${scenario.boundNote}).`,
		'',
		'| contender | API requests | token requests | wall time (best) | all runs | API phase | peak memory | failed items | ÷ (a) | ÷ (b) | ÷ bound |',
		'|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|',
	];
	for (const id of input.contenders) {
		const info = CONTENDERS[id];
		if (!info.runs(scenario)) continue;
		const runs = runsOf(input, scenario, id);
		const top = best(runs);
		if (!top) continue;
		const { result, traffic } = top;
		const vs = (base: RunRecord | undefined) => (base && base !== top && !base.result.error ? ratio(result.wallMs / base.result.wallMs) : '–');
		const statuses = Object.entries(traffic.statuses)
			.filter(([status]) => status !== '200' && status !== '201')
			.map(([status, count]) => `${int(count)}×${status === '0' ? 'dropped' : status}`);
		lines.push(
			[
				info.label,
				info.role === 'floor' ? '–' : `${int(traffic.requests)}${statuses.length ? ` (${statuses.join(', ')})` : ''}`,
				info.role === 'floor' ? '–' : int(traffic.tokenRequests),
				`**${s(result.wallMs)}**`,
				runs.map((run) => s(run.result.wallMs)).join(', '),
				info.role === 'floor' ? '–' : s(traffic.spanMs),
				mbOf(result.peakRssMb),
				`${int(result.failedItems)}${result.error ? ` (run failed: ${result.error.slice(0, 80).replace(/\|/g, '/')})` : ''}`,
				info.role === 'floor' ? '–' : id === 'http' ? '1' : vs(a),
				info.role === 'floor' ? '–' : id === 'plain' ? '1' : vs(b),
				info.role === 'floor' ? '–' : ratio(result.wallMs / bound),
			].join(' | ').replace(/^/, '| ') + ' |',
		);
	}
	lines.push('');
	return lines;
}

interface TargetRow {
	what: string;
	cells: string[];
}

function targets(input: ReportInput): TargetRow[] {
	const ours: ContenderId[] = input.contenders.filter((id) => CONTENDERS[id].role === 'ours');
	const rows: TargetRow[] = [];
	for (const scenario of input.scenarios) {
		const bound = scenarioBoundMs(scenario);
		const t = scenario.targets;
		const cell = (check: (run: RunRecord) => [boolean, string]) =>
			ours.map((id) => {
				const top = bestOf(input, scenario, id);
				if (!top) return 'not run';
				const [ok, shown] = check(top);
				return `${mark(ok)} (${shown})`;
			});
		if (t.maxRequests !== undefined) {
			rows.push({
				what: `${scenario.number}. at most ${t.maxRequests} requests, token calls included`,
				cells: cell((run) => {
					const total = run.traffic.requests + run.traffic.tokenRequests;
					return [total <= t.maxRequests!, `${total}`];
				}),
			});
		}
		if (t.maxPlainRatio !== undefined) {
			const plain = bestOf(input, scenario, 'plain');
			rows.push({
				what: `${scenario.number}. wall time ≤ ${t.maxPlainRatio}× (b)'s in the same run`,
				cells: cell((run) => (plain ? [run.result.wallMs <= plain.result.wallMs * t.maxPlainRatio!, `${s(run.result.wallMs)} = ${ratio(run.result.wallMs / plain.result.wallMs)} (b)`] : [false, '(b) not run'])),
			});
		}
		if (t.maxBoundRatio !== undefined) {
			rows.push({
				what: `${scenario.number}. wall time ≤ ${t.maxBoundRatio}× bound (≤ ${s(bound * t.maxBoundRatio)})`,
				cells: cell((run) => [run.result.wallMs <= bound * t.maxBoundRatio!, `${s(run.result.wallMs)} = ${ratio(run.result.wallMs / bound)}`]),
			});
			rows.push({
				what: `${scenario.number}. (for reference, not the target) API phase ≤ ${t.maxBoundRatio}× bound`,
				cells: cell((run) => [run.traffic.spanMs <= bound * t.maxBoundRatio!, `${s(run.traffic.spanMs)} = ${ratio(run.traffic.spanMs / bound)}`]),
			});
		}
		if (t.maxFailed !== undefined && (scenario.id === 's4' || scenario.id === 's6' || scenario.id === 's5')) {
			rows.push({
				what: `${scenario.number}. zero failed items`,
				cells: cell((run) => [run.result.failedItems === 0 && !run.result.error, `${run.result.failedItems} failed`]),
			});
		}
	}
	return rows;
}

function floorSection(input: ReportInput): string[] {
	const lines: string[] = [];
	for (const scenario of input.scenarios.filter((sc) => CONTENDERS.floor.runs(sc))) {
		for (const [oursId, floorId] of [
			['ours', 'floor'],
			['ours-n8n', 'floor-n8n'],
		] as Array<[ContenderId, ContenderId]>) {
			const ours = bestOf(input, scenario, oursId);
			const floor = bestOf(input, scenario, floorId);
			if (!ours || !floor) continue;
			const bound = scenarioBoundMs(scenario);
			lines.push(
				`| ${scenario.number} | ${CONTENDERS[oursId].label} | ${s(ours.result.wallMs)} | ${s(floor.result.wallMs)} | ${ratio(floor.result.wallMs / bound)} | ${ratio(ours.result.wallMs / floor.result.wallMs)} | ${s(bound)} |`,
			);
		}
	}
	if (lines.length === 0) return [];
	return [
		"## n8n's cost of the two expressions, which our node does not pay",
		'',
		'Type and Value are mapped with `{{ $json.type }}` and `{{ $json.value }}`, as n8n writes them when a field is dragged in. ' +
			'A node that lets n8n evaluate them pays for that once per item and field; the "reference" rows above show that cost alone ' +
			'(a node that only reads the two parameters, no requests). ' +
			"Our node reads a parameter that is nothing but a reference to a field of the item straight from the item, and asks n8n only " +
			'when the field holds no text, number or boolean, or the expression is anything more (`nodes/common/parameters.ts`; ' +
			"`test/common/field-reference.test.ts` runs both beside each other in n8n's engine and finds no difference in value or error). " +
			'So ours can finish below that cost.',
		'',
		'| scenario | engine | ours (best) | n8n evaluating the 2 expressions (best) | that ÷ bound | ours ÷ it | bound |',
		'|---|---|---:|---:|---:|---:|---:|',
		...lines,
		'',
	];
}

/** Scenario 5's peak memory at 10,000, 50,000 and 100,000 items, ours beside n8n's expression floor, and its growth against the items' own. */
function memorySection(input: ReportInput): string[] {
	const points = input.scenarios.filter((scenario) => scenario.number === 5).sort((a, b) => a.items - b.items);
	if (points.length < 2) return [];
	const columns = (['ours', 'floor', 'ours-n8n', 'floor-n8n'] as ContenderId[]).filter((id) => input.contenders.includes(id));
	const mb = (scenario: Scenario, id: ContenderId) => bestOf(input, scenario, id)?.result.peakRssMb;
	const own = (scenario: Scenario, id: ContenderId) => {
		const items = bestOf(input, scenario, id)?.result.itemsMb;
		return items ? items.input + items.output : undefined;
	};
	const cell = (value: number | undefined) => (value === undefined ? '–' : `${int(Math.round(value))} MB`);
	const first = points[0];
	const last = points[points.length - 1];
	const per10k = (read: (scenario: Scenario) => number | undefined) => {
		const low = read(first);
		const high = read(last);
		return low === undefined || high === undefined ? undefined : (high - low) / ((last.items - first.items) / 10_000);
	};
	const perTenThousand = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(1)} MB`);
	const rows = points.map((scenario) => `| ${int(scenario.items)} | ${columns.map((id) => `${cell(mb(scenario, id))} (items ${cell(own(scenario, id))})`).join(' | ')} |`);
	const growth = columns.map((id) => per10k((scenario) => mb(scenario, id)));
	const steps = (id: ContenderId) => {
		const parts = points.slice(1).map((scenario, index) => {
			const low = mb(points[index], id);
			const high = mb(scenario, id);
			return low === undefined || high === undefined ? '–' : `${((high - low) / ((scenario.items - points[index].items) / 10_000)).toFixed(1)} MB`;
		});
		return parts.join(', ');
	};
	const ownGrowth = columns.map((id) => per10k((scenario) => own(scenario, id)));
	const ratios = columns.map((_id, index) => {
		const peak = growth[index];
		const items = ownGrowth[index];
		return peak === undefined || items === undefined || items === 0 ? undefined : peak / items;
	});
	// n8n's own cost of holding items: the floor, in the same engine, holding its items.
	const floorOf: Partial<Record<ContenderId, ContenderId>> = { ours: 'floor', 'ours-n8n': 'floor-n8n' };
	const verdict = columns.map((id, index) => {
		const floorIndex = floorOf[id] === undefined ? -1 : columns.indexOf(floorOf[id]!);
		const own = ratios[index];
		const floor = floorIndex < 0 ? undefined : ratios[floorIndex];
		if (own === undefined || floor === undefined) return '–';
		return `${own <= floor ? '**met**' : '**missed**'} (${own.toFixed(2)}× against ${floor.toFixed(2)}×)`;
	});
	return [
		'## Scenario 5: peak memory by item count',
		'',
		"Peak resident memory of the process that ran the job (see the contenders above), at each size; the floor is n8n evaluating the same two expressions for the same items, without requests. In brackets, the items' own size: the heap a deep copy of the run's input items and of its output items takes, measured after a full garbage collection once the run is over (what n8n must hold whatever the node). Growth per 10,000 items = (value at the largest − value at the smallest) ÷ the 10,000s between them. Target: the peak grows linearly and by no more than the items' own size in n8n. A process holding items grows by more than their deep copy (garbage not yet collected, the heap's room to grow, n8n's run data around them): the floor, which only reads two fields and outputs them, shows how much more in the same engine, so the target is read as ours growing by no more than the floor does for the same size of items (the ratio peak growth ÷ items' own growth at most the floor's).",
		'',
		`| items | ${columns.map((id) => CONTENDERS[id].label).join(' | ')} |`,
		`|---:|${columns.map(() => '---:').join('|')}|`,
		...rows,
		`| peak growth per 10,000 | ${growth.map(perTenThousand).join(' | ')} |`,
		`| peak growth per 10,000, size by size (linear?) | ${columns.map((id) => steps(id)).join(' | ')} |`,
		`| items' own growth per 10,000 | ${ownGrowth.map(perTenThousand).join(' | ')} |`,
		`| peak growth ÷ items' own growth | ${ratios.map((value) => (value === undefined ? '–' : `${value.toFixed(2)}×`)).join(' | ')} |`,
		`| at most the items' size in n8n: ratio ≤ the floor's in the same engine | ${verdict.join(' | ')} |`,
		'',
	];
}

function profileSection(input: ReportInput): string[] {
	if (input.profiles.length === 0) return [];
	const lines = [`## Where our time goes (CPU profile of scenario ${input.profiles[0].scenario ?? 1}, separate run, not in the tables)`, ''];
	for (const profile of input.profiles) {
		lines.push(
			`**${profile.label}**: node wall time ${s(profile.wallMs)} under the profiler, ${s(profile.totalMs)} of samples in the process. ` +
				`Profile: \`${profile.file}\` (open in Chrome DevTools → Performance, or \`npx ts-node --transpile-only bench/lib/profile.ts <file>\`).`,
			'',
			'| where | ms | share |',
			'|---|---:|---:|',
			...profile.categories.map(({ name, ms }) => `| ${name} | ${int(Math.round(ms))} | ${((100 * ms) / profile.totalMs).toFixed(0)} % |`),
			'',
		);
	}
	return lines;
}

/** Plain statements the numbers support, for the scenarios that ran. */
function findings(input: ReportInput): string[] {
	const lines: string[] = [];
	const s1 = input.scenarios.find((sc) => sc.id === 's1');
	if (s1) {
		const bound = scenarioBoundMs(s1);
		for (const [oursId, floorId] of [
			['ours', 'floor'],
			['ours-n8n', 'floor-n8n'],
		] as Array<[ContenderId, ContenderId]>) {
			const ours = bestOf(input, s1, oursId);
			const floor = bestOf(input, s1, floorId);
			if (!ours) continue;
			const floorText = floor
				? ` n8n's own evaluation of the two expressions for the same 10,000 items takes ${s(floor.result.wallMs)} (${ratio(floor.result.wallMs / bound)} the bound)` +
					(ours.result.wallMs < floor.result.wallMs
						? ': ours finishes below it because it reads the two plain field references straight from the items.'
						: `; ours is ${s(ours.result.wallMs - floor.result.wallMs)} above it.`)
				: '';
			lines.push(
				`- Scenario 1, ${CONTENDERS[oursId].label}: ${s(ours.result.wallMs)} = ${ratio(ours.result.wallMs / bound)} the bound; its API phase ${s(ours.traffic.spanMs)} = ${ratio(ours.traffic.spanMs / bound)}.${floorText}`,
			);
		}
	}
	for (const scenario of input.scenarios) {
		const ours = bestOf(input, scenario, 'ours-n8n');
		const a = bestOf(input, scenario, 'http');
		if (!ours || !a) continue;
		if (a.result.error) {
			lines.push(
				`- Scenario ${scenario.number} in the same n8n: ours ${s(ours.result.wallMs)} with ${int(ours.result.failedItems)} failed items; (a) did not finish: ${a.result.error} (${s(a.result.wallMs)}).`,
			);
			continue;
		}
		lines.push(
			`- Scenario ${scenario.number} in the same n8n: ours ${s(ours.result.wallMs)} against (a) ${s(a.result.wallMs)} (${ratio(ours.result.wallMs / a.result.wallMs)}), ` +
				`${int(ours.traffic.requests)} against ${int(a.traffic.requests)} API requests, ${int(ours.traffic.tokenRequests)} against ${int(a.traffic.tokenRequests)} token requests, ` +
				`${int(ours.result.failedItems)} against ${int(a.result.failedItems)} failed items, peak memory ${int(ours.result.peakRssMb)} MB against ${int(a.result.peakRssMb)} MB.`,
		);
	}
	const s4 = input.scenarios.find((sc) => sc.id === 's4');
	const ours4 = s4 && bestOf(input, s4, 'ours');
	if (s4 && ours4) {
		const statuses = ours4.traffic.statuses['429'] ?? 0;
		lines.push(
			`- Scenario 4: ${int(statuses)} answers were 429; each one holds that batch back for its X-RateLimit-RetryAfter (1–2 s: the sandbox gives an epoch second about 1 s ahead), ` +
				`and holds every other request back too until an answer shows the limit has room. That, not the requests, is the ${s(ours4.result.wallMs)}.`,
		);
	}
	return lines.length ? ['## Findings', '', ...lines, ''] : [];
}

function howToRun(input: ReportInput): string[] {
	return [
		'## How to run',
		'',
		'```sh',
		'npm ci',
		'npm run bench                 # everything; installs the real n8n first if it is missing (~5 min, 3.2 GB in ~/.cache)',
		'npm run bench -- --no-n8n     # only the in-process contenders: ours in n8n-core, the plain client, the expression reference',
		'npm run bench -- --scenarios=1,3 --contenders=ours,floor --repeat=5   # a quick look at our node',
		'```',
		'',
		`Options: \`--repeat=N\` (our node and references, default 3), \`--baseline-repeat=N\` (default 1), \`--scenarios=1,2,3,4,5,6\` (5 runs at 10,000, 50,000 and 100,000 items), ` +
			'`--contenders=ours,ours-n8n,http,plain,floor,floor-n8n`, `--no-profile`, `--out=<file>`. ' +
			`This run took ${(input.durationMs / 60_000).toFixed(0)} min; most of it is baseline (b) creating 10,000 indicators one at a time, twice (~9 min each), ` +
			'and (a) at 100 requests a second (~2 min each for scenarios 1 and 4). Raw runs: `bench/out/results-*.json`; CPU profiles: `bench/out/profiles/`.',
		'',
	];
}

export function renderReport(input: ReportInput): string {
	const n8n = input.machine.n8n;
	const out: string[] = [
		'# Benchmarks',
		'',
		`Written by \`${input.command}\` on ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; the whole run took ${(input.durationMs / 60_000).toFixed(1)} min.`,
		`Machine: ${input.machine.cpus} × ${input.machine.model}, ${input.machine.memGb} GB, shared with other work: 1-minute load average ${loadRange(input.runs)} during the runs ` +
			`(${input.machine.cpus} cores; above ${input.machine.cpus} means runs waited for CPU, and times are longer than on a quiet machine). ` +
			`In-process runs: Node ${input.machine.node}; real n8n: ${n8n ? `n8n ${n8n} on Node 24.9.0` : 'not run'}. ` +
			`Commit ${input.git.commit}${input.git.dirty.length ? ` with uncommitted changes in ${input.git.dirty.join(', ')}` : ''}.`,
		'',
		`Wall times are the best of up to ${input.repeat} runs for our node and the references, of up to ${input.baselineRepeat} for the baselines (each table's "all runs" column lists them). ` +
			'Re-run on a quiet machine for figures to quote.',
		...(input.skipped.length ? ['', `Not run: ${input.skipped.join('; ')}.`] : []),
		'',
		'## Set-up',
		'',
		`- **Sandbox** (\`sandbox/\`, its own process): ${LATENCY_MS} ms latency on every answer, token calls included; ${int(RATE_LIMIT_PER_MINUTE)} requests a minute per API client ` +
			'(sliding 60 s window); token calls 300 a minute. Before every run: `POST /_sandbox/reset {config: true}` (indicators, tokens, rate windows, request log, config), ' +
			'no demo data, then the scenario\'s own set-up: 50,000 indicators from `seedIndicators` (scenario 2), `faults.rate429 = 0.25` with a fixed seed (scenario 4). ' +
			'Requests are counted from its request log (token calls apart).',
		'- **Input**: 10,000 (scenarios 1, 4) or 1,000 (scenario 3) items `{type: "sha256", value}` with distinct values; in the real n8n a Code node makes them. ' +
			'Creates send `action: detect, severity: high, platforms: [windows, linux], applied_globally: true`.',
		'- **Contenders**, each with "On Error: Continue" so that failed items are counted instead of stopping the run:',
		...input.contenders.map((id) => `  - *${CONTENDERS[id].label}*: wall time = ${CONTENDERS[id].wall}; memory = ${CONTENDERS[id].memory}.`),
		'  - Ours runs every option at its default (Concurrency 6 with starts at most 6,000 a minute, Batch Size 100, Max Retries 5), Type and Value mapped with `{{ $json.type }}` and `{{ $json.value }}`.',
		'  - (a) is configured as a user would: one request per item (creates, device counts) with the node\'s Batching option at 100 items per 1,000 ms ' +
			'(= 6,000 a minute, the most without 429s; without it the node sends all items at once, and n8n\'s own 429 message points to this option); ' +
			'device counts with "Never Error", because a 404 "No results found" is the API\'s answer for a count of zero; ' +
			'Return All with the node\'s Pagination option: query parameter `after` = `{{ $response.body.meta.pagination.after }}`, `limit=2000`, complete when `after` is empty ' +
			'(offset paging stops at 10,000 on this API). n8n gives it a token on the first request and, after any failed request, a new token and one retry. ' +
			'Scenario 6 (`bench/lib/sync-the-n8n-way.ts`): Edit Fields gives the feed items the fields our node takes as parameters; HTTP Request lists the source\'s indicators (the same pagination, ' +
			'filter `source:\'Bench feed\'`), Split Out makes an item of each and Edit Fields keeps id and the managed fields (one JSON expression per item, cheaper than one per field); ' +
			'Compare Datasets matches the two on value and type (a mix of both versions: the feed\'s fields with the existing id); then one HTTP Request per item creates (In A only), ' +
			'updates (Different) and deletes (In B only), each with the same Batching.',
		'  - (b) takes one token, then sends one request per item, one at a time, without retries; Return All pages with `after` at 2,000.',
		'- **API phase**: from the first request reaching the sandbox (token call included) to the last answer leaving it, from the sandbox\'s log. ' +
			'The difference to the wall time is what the contender spends before its first request and after its last answer.',
		'- **Failed items**: output items with an `error`, or (device counts with "Never Error") an envelope whose errors are not a 404.',
		'',
		'## The bound',
		'',
		`For N requests of latency L = ${LATENCY_MS} ms with at most C in flight and at most R = ${int(RATE_LIMIT_PER_MINUTE)} a minute, after one token call: ` +
			'**bound = L + max(⌈N/C⌉·L, N/R·60 s)**. It leaves out the time the sandbox and the client need to build, send and read each request.',
		'',
		`C = ${BOUND_CONCURRENCY} for independent requests: R/60 s × L = ${RATE_LIMIT_PER_MINUTE / 60}/s × ${LATENCY_MS / 1000} s = ${BOUND_CONCURRENCY} is where the two terms meet. ` +
			'With more in flight a client outruns 6,000 a minute as soon as a job is longer than a minute, unless it also spaces its starts; with fewer, latency is the wall. ' +
			'Our default Concurrency is 6 and our starts are never closer than 10 ms (6,000 a minute): for C ≥ 5 the bound is the rate term N/R·60 s, so one more in flight covers the client\'s own time between an answer and the next request without ever going past the limit. ' +
			'C = 1 for Return All, where each page needs the `after` cursor of the one before. ' +
			'The sliding window would let a short job (under 6,000 requests) burst everything at once and finish in about 2·L: that spends a minute of the customer\'s whole budget, ' +
			'shared with all its other integrations, so the bound counts the limit as a rate. A contender that bursts can beat the bound on the short scenarios; ' +
			'(a)\'s Batching and our spacing do not.',
		'',
		'| scenario | least requests N | C | bound |',
		'|---|---:|---:|---:|',
		...input.scenarios.map((sc) => `| ${sc.number}. ${sc.title} | ${int(sc.bound.requests)} | ${sc.bound.concurrency} | ${s(scenarioBoundMs(sc))} |`),
		'',
		'## Results',
		'',
		'"÷ (a)", "÷ (b)", "÷ bound": the row\'s wall time divided by that of (a), of (b), or by the bound (below 1 is faster). ' +
			'Ours in the real n8n against (a) is like for like: same n8n, same process model, same measurement.',
		'',
		...input.scenarios.flatMap((scenario) => scenarioTable(input, scenario)),
		...findings(input),
		'## Targets (our node)',
		'',
		`| target | ${input.contenders.filter((id) => CONTENDERS[id].role === 'ours').map((id) => CONTENDERS[id].label).join(' | ')} |`,
		`|---|${input.contenders.filter((id) => CONTENDERS[id].role === 'ours').map(() => '---').join('|')}|`,
		...targets(input).map((row) => `| ${row.what} | ${row.cells.join(' | ')} |`),
		'',
		...floorSection(input),
		...memorySection(input),
		...profileSection(input),
		'## Every run',
		'',
		'| scenario | contender | run | wall | API phase | requests | token | failed | peak memory | load at start → end |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
		...input.runs.map(
			(run) =>
				`| ${run.scenario.slice(1)} | ${CONTENDERS[run.contender].label} | ${run.repeat} | ${s(run.result.wallMs)} | ${CONTENDERS[run.contender].role === 'floor' ? '–' : s(run.traffic.spanMs)} | ${int(run.traffic.requests)} | ${int(run.traffic.tokenRequests)} | ${int(run.result.failedItems)} | ${mbOf(run.result.peakRssMb)} | ${run.load[0].toFixed(1)} → ${run.load[1].toFixed(1)} |`,
		),
		'',
		'## How long each part took',
		'',
		...input.phases.map(([what, ms]) => `- ${what}: ${(ms / 1000).toFixed(0)} s`),
		'',
		...howToRun(input),
	];
	return out.join('\n');
}

/** Several saved runs (say, the in-process contenders and the real n8n's, run one after the other) as one report. */
export function mergeInputs(inputs: ReportInput[]): ReportInput {
	const [first, ...rest] = inputs;
	const unique = <T>(values: T[], key: (value: T) => string) => [...new Map(values.map((value) => [key(value), value])).values()];
	const last = inputs[inputs.length - 1];
	return {
		...first,
		command: inputs.map((input) => input.command).join(' and '),
		durationMs: last.startedAt.getTime() + last.durationMs - first.startedAt.getTime(),
		machine: { ...first.machine, n8n: inputs.find((input) => input.machine.n8n)?.machine.n8n },
		repeat: Math.max(...inputs.map((input) => input.repeat)),
		baselineRepeat: Math.max(...inputs.map((input) => input.baselineRepeat)),
		scenarios: unique(inputs.flatMap((input) => input.scenarios), (scenario) => scenario.id).sort((a, b) => a.number - b.number || a.items - b.items),
		contenders: unique(inputs.flatMap((input) => input.contenders), (id) => id),
		runs: inputs.flatMap((input) => input.runs),
		profiles: inputs.flatMap((input) => input.profiles),
		phases: inputs.flatMap((input) => input.phases),
		skipped: [...new Set(inputs.flatMap((input) => input.skipped))].filter((note) => !(note.includes('--no-n8n') && inputs.some((input) => input.machine.n8n))),
		git: rest.reduce((git, input) => (input.git.commit === git.commit ? git : { ...git, commit: `${git.commit}, ${input.git.commit}` }), first.git),
	};
}

/**
 * `npx ts-node --transpile-only bench/lib/report.ts bench/out/results-<stamp>.json [more.json …] [--out=out.md]`:
 * the report again from saved runs, several runs merged into one.
 */
if (require.main === module) {
	const args = process.argv.slice(2);
	const out = args.find((arg) => arg.startsWith('--out='))?.slice('--out='.length);
	const inputs = args
		.filter((arg) => !arg.startsWith('--'))
		.map((file) => {
			const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as ReportInput & { startedAt: string };
			return { ...saved, startedAt: new Date(saved.startedAt) };
		})
		.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
	const markdown = renderReport(inputs.length === 1 ? inputs[0] : mergeInputs(inputs));
	if (out) fs.writeFileSync(out, markdown);
	else process.stdout.write(markdown);
}
