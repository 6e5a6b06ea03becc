/**
 * `npm run bench [-- options]`: the four scenarios of issue 6 against the sandbox, our node and
 * the baselines side by side, written to bench/RESULTS.md (raw runs: bench/out/).
 *
 *   --no-n8n               skip everything that needs the real n8n (ours in n8n, (a), the n8n floor)
 *   --repeat=N             runs of our node and of the expression references; the best counts (default 3)
 *   --baseline-repeat=N    runs of each baseline (default 1: (b) alone takes ~18 min per run)
 *   --scenarios=1,2,3,4,5,6  which scenarios (default all; 5 runs at 10,000, 50,000 and 100,000 items)
 *   --contenders=ours,ours-n8n,http,plain,floor,floor-n8n   which contenders (default all)
 *   --no-profile           skip the CPU profiles (of scenario 1, or of --profile-scenario=N)
 *   --profile-scenario=N   which scenario the CPU profiles run (default 1)
 *   --out=bench/RESULTS.md where the report goes
 *
 * Everything stays on loopback: the sandbox listens on 127.0.0.1 and n8n runs with its calls to
 * n8n.io switched off. Every run has a time limit.
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { runContenderChild, type ContenderResult } from './lib/child';
import { CONTENDERS, type ContenderId, type RunRecord } from './lib/contenders';
import { categoriseProfile } from './lib/profile';
import { renderReport, type ProfileSummary } from './lib/report';
import { startBenchSandbox, type BenchSandbox } from './lib/sandbox';
import { SCENARIOS, type Scenario } from './lib/scenarios';
import type { N8nContender } from './lib/workflows';
import type { RealN8n } from './contenders/real-n8n';

const REPO = path.resolve(__dirname, '..');
const started = Date.now();

function log(line: string): void {
	process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
}

interface Options {
	n8n: boolean;
	repeat: number;
	baselineRepeat: number;
	scenarios: Scenario[];
	contenders: ContenderId[];
	profile: boolean;
	profileScenario: number;
	out: string;
}

function parseOptions(argv: string[]): Options {
	const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
	const flag = (name: string) => argv.includes(`--${name}`);
	const known = ['no-n8n', 'no-profile', 'repeat', 'baseline-repeat', 'scenarios', 'contenders', 'out', 'profile-scenario'];
	for (const arg of argv) {
		if (!known.includes(arg.replace(/^--/, '').split('=')[0])) throw new Error(`unknown option ${arg} (see bench/run.ts)`);
	}
	const wantedScenarios = value('scenarios')?.split(',').map((n) => Number(n.trim()));
	const scenarios = SCENARIOS.filter((scenario) => !wantedScenarios || wantedScenarios.includes(scenario.number));
	let contenders = (value('contenders')?.split(',').map((c) => c.trim()) ?? Object.keys(CONTENDERS)) as ContenderId[];
	for (const id of contenders) if (!CONTENDERS[id]) throw new Error(`unknown contender ${id}`);
	const n8n = !flag('no-n8n');
	if (!n8n) contenders = contenders.filter((id) => !CONTENDERS[id].needsN8n);
	return {
		n8n,
		repeat: Math.max(1, Number(value('repeat') ?? 3)),
		baselineRepeat: Math.max(1, Number(value('baseline-repeat') ?? 1)),
		scenarios,
		contenders,
		profile: !flag('no-profile'),
		profileScenario: Number(value('profile-scenario') ?? 1),
		out: path.resolve(REPO, value('out') ?? 'bench/RESULTS.md'),
	};
}

/** Generous limits: (b) needs ~9 min for 10,000 sequential creates. */
function timeoutMs(scenario: Scenario, contender: ContenderId): number {
	if (scenario.id === 's6' && (contender === 'plain' || contender === 'http')) return 45 * 60_000;
	return scenario.items >= 10_000 && (contender === 'plain' || contender === 'http') ? 30 * 60_000 : 10 * 60_000;
}

function gitState(): { commit: string; dirty: string[] } {
	try {
		const commit = execSync('git rev-parse --short HEAD', { cwd: REPO, encoding: 'utf8' }).trim();
		const status = execSync('git status --porcelain -- nodes credentials', { cwd: REPO, encoding: 'utf8' });
		const dirty = [...new Set(status.split('\n').filter(Boolean).map((line) => line.slice(3).split('/').slice(0, 2).join('/')))];
		return { commit, dirty };
	} catch {
		return { commit: 'unknown', dirty: [] };
	}
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const phases: Array<[string, number]> = [];
	const skipped: string[] = options.n8n ? [] : ['the real-n8n contenders (--no-n8n)'];
	const outDir = path.join(REPO, 'bench', 'out');
	const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
	fs.mkdirSync(outDir, { recursive: true });

	let phaseStart = Date.now();
	const sandbox: BenchSandbox = await startBenchSandbox();
	log(`sandbox at ${sandbox.url} (pid ${sandbox.pid})`);
	let n8n: RealN8n | undefined;
	const runs: RunRecord[] = [];
	const profiles: ProfileSummary[] = [];
	try {
		const n8nContenders = options.contenders.filter((id): id is N8nContender => CONTENDERS[id].needsN8n);
		if (n8nContenders.length > 0) {
			// Loaded only when needed, so --no-n8n works where the real-n8n scripts cannot load.
			const { setUpRealN8n } = await import('./contenders/real-n8n');
			n8n = await setUpRealN8n(sandbox, options.scenarios, n8nContenders, log);
			log(`real n8n ${n8n.version} ready (${n8n.setupSeconds.toFixed(0)} s: install check, build, import)`);
			phases.push(['real n8n: install check, package build and install, imports', Date.now() - phaseStart]);
		}

		const runOne = async (scenario: Scenario, contender: ContenderId, cpuProfileDir?: string): Promise<{ result: ContenderResult; record: RunRecord }> => {
			await sandbox.prepare(scenario);
			const loadStart = os.loadavg()[0];
			const at = new Date().toISOString();
			let result: ContenderResult;
			if (CONTENDERS[contender].needsN8n) {
				result = await n8n!.run(contender as N8nContender, scenario, { timeoutMs: timeoutMs(scenario, contender), cpuProfileDir });
			} else {
				const script = contender === 'ours' ? 'ours-harness' : contender === 'floor' ? 'floor-harness' : 'plain';
				result = await runContenderChild(script, { scenario: scenario.id, sandbox }, { timeoutMs: timeoutMs(scenario, contender), cpuProfileDir });
			}
			const traffic = await sandbox.traffic();
			return { result, record: { scenario: scenario.id, contender, repeat: 0, result, traffic, load: [loadStart, os.loadavg()[0]], at } };
		};

		for (const scenario of options.scenarios) {
			phaseStart = Date.now();
			const contenders = options.contenders.filter((id) => CONTENDERS[id].runs(scenario));
			const repeats = (id: ContenderId) => (CONTENDERS[id].role === 'baseline' ? options.baselineRepeat : options.repeat);
			const rounds = Math.max(...contenders.map(repeats));
			// Round by round, so that a burst of load on the machine hits every contender alike.
			for (let round = 1; round <= rounds; round++) {
				for (const contender of contenders.filter((id) => round <= repeats(id))) {
					log(`scenario ${scenario.number}, ${CONTENDERS[contender].label}, run ${round} ...`);
					try {
						const { record } = await runOne(scenario, contender);
						record.repeat = round;
						runs.push(record);
						const { result, traffic } = record;
						log(
							`  ${(result.wallMs / 1000).toFixed(2)} s, ${traffic.requests} requests + ${traffic.tokenRequests} token, ${result.failedItems} failed, ` +
								`${result.peakRssMb} MB${result.error ? `, run failed: ${result.error}` : ''}`,
						);
					} catch (error) {
						log(`  could not run: ${(error as Error).message}`);
						skipped.push(`scenario ${scenario.number} × ${CONTENDERS[contender].label} run ${round} (${(error as Error).message.split('\n')[0]})`);
					}
				}
			}
			phases.push([`scenario ${scenario.number}`, Date.now() - phaseStart]);
		}

		const profiled = options.scenarios.find((scenario) => scenario.number === options.profileScenario);
		if (options.profile && profiled) {
			phaseStart = Date.now();
			for (const contender of options.contenders.filter((id) => id === 'ours' || id === 'ours-n8n')) {
				const dir = path.join(outDir, 'profiles', stamp, contender);
				fs.mkdirSync(dir, { recursive: true });
				log(`CPU profile: scenario ${profiled.number}, ${CONTENDERS[contender].label} ...`);
				try {
					const { result } = await runOne(profiled, contender, dir);
					// The largest one is n8n's own process (its task runner may write one too).
					const file = fs
						.readdirSync(dir)
						.filter((name) => name.endsWith('.cpuprofile'))
						.sort((x, y) => fs.statSync(path.join(dir, y)).size - fs.statSync(path.join(dir, x)).size)[0];
					if (!file) throw new Error('no .cpuprofile was written');
					const { categories, totalMs } = categoriseProfile(path.join(dir, file));
					profiles.push({ scenario: profiled.number, label: CONTENDERS[contender].label, file: path.relative(REPO, path.join(dir, file)), wallMs: result.wallMs, totalMs, categories });
				} catch (error) {
					skipped.push(`the CPU profile of ${CONTENDERS[contender].label} (${(error as Error).message.split('\n')[0]})`);
				}
			}
			phases.push(['CPU profiles', Date.now() - phaseStart]);
		}
	} finally {
		n8n?.close();
		await sandbox.stop();
	}

	const report = {
		startedAt: new Date(started),
		durationMs: Date.now() - started,
		command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
		machine: {
			cpus: os.cpus().length,
			model: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
			memGb: Math.round(os.totalmem() / 2 ** 30),
			node: process.versions.node,
			n8n: n8n?.version,
		},
		git: gitState(),
		repeat: options.repeat,
		baselineRepeat: options.baselineRepeat,
		scenarios: options.scenarios,
		contenders: options.contenders,
		runs,
		profiles,
		phases,
		skipped,
	};
	fs.writeFileSync(path.join(outDir, `results-${stamp}.json`), JSON.stringify(report, null, 2));
	fs.writeFileSync(options.out, renderReport(report));
	log(`wrote ${path.relative(REPO, options.out)} and bench/out/results-${stamp}.json in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
