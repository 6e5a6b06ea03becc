/**
 * `npm run sandbox [-- --port 8787 --latency 50 --rate-limit 6000 --seed demo|empty --region us-1]`
 * Starts the sandbox and prints how to point the n8n credential at it.
 */
import { TRIGGER_EVENT_ROUTES, triggerEventCurl } from './admin-events';
import { startSandbox } from './index';
import type { SandboxOptions } from './types';

function parseArgs(argv: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (!a.startsWith('--')) continue;
		const eq = a.indexOf('=');
		if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
		else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
		else out[a.slice(2)] = 'true';
	}
	return out;
}

function num(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0) {
		console.error(`--${name} must be a number >= 0, got '${value}'`);
		process.exit(2);
	}
	return n;
}

/** Each trigger-event route: what it does, its fields, and its curl. */
function triggerEventLines(url: string): string[] {
	return TRIGGER_EVENT_ROUTES.flatMap((route) => [`  POST ${route.path}: ${route.does}`, `    fields: ${route.fields}`, `    ${triggerEventCurl(url, route)}`]);
}

function helpText(url: string): string {
	return [
		'Usage: npm run sandbox -- [--port 8787] [--host 127.0.0.1] [--latency ms] [--rate-limit perMinute] [--seed demo|empty] [--region us-1] [--token-lifetime s] [--indicators N]',
		'',
		'Fire a trigger event while you build a workflow (each answers the new record, 201):',
		...triggerEventLines(url),
		'',
		`Controls: ${url}/_sandbox/health | /_sandbox/requests | /_sandbox/config (PATCH) | /_sandbox/reset | /_sandbox/expire-tokens | /_sandbox/seed/indicators | /_sandbox/routes`,
	].join('\n');
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log(helpText(`http://${args.host ?? '127.0.0.1'}:${args.port ?? process.env.SANDBOX_PORT ?? 8787}`));
		return;
	}
	const options: SandboxOptions = {
		port: num('port', args.port ?? process.env.SANDBOX_PORT) ?? 8787,
		host: args.host ?? process.env.SANDBOX_HOST ?? '127.0.0.1',
	};
	const latency = num('latency', args.latency);
	if (latency !== undefined) options.latencyMs = latency;
	const rate = num('rate-limit', args['rate-limit']);
	if (rate !== undefined) options.rateLimitPerMinute = rate;
	const lifetime = num('token-lifetime', args['token-lifetime']);
	if (lifetime !== undefined) options.tokenLifetimeSeconds = lifetime;
	if (args.seed === 'demo' || args.seed === 'empty') options.seed = args.seed;
	if (args.region) options.region = args.region;

	const sandbox = await startSandbox(options);
	const extra = num('indicators', args.indicators);
	if (extra) sandbox.seedIndicators(extra);

	const lines = [
		'',
		`Falcon API sandbox listening on ${sandbox.url}`,
		'',
		'  Falcon API client',
		`    Client ID:     ${sandbox.falcon.clientId}`,
		`    Client Secret: ${sandbox.falcon.clientSecret}`,
		`    Region:        ${sandbox.config.region}`,
		`    Indicators:    ${sandbox.state.iocs.size}, hosts: ${sandbox.state.hosts.size}, alerts: ${sandbox.state.alerts.size}`,
		'',
		'  n8n credential "CrowdStrike Falcon API":',
		'    Cloud:    Custom URL',
		`    Base URL: ${sandbox.url}`,
		'    Client ID / Client Secret: as above',
		'',
		`  Latency ${sandbox.config.latencyMs} ms, rate limit ${sandbox.config.rateLimitPerMinute || 'unlimited'}/min, token lifetime ${sandbox.config.tokenLifetimeSeconds} s`,
		`  Controls: ${sandbox.url}/_sandbox/health | /_sandbox/requests | /_sandbox/config (PATCH) | /_sandbox/reset | /_sandbox/expire-tokens | /_sandbox/seed/indicators`,
		'  Try:',
		`    curl -s -X POST ${sandbox.url}/oauth2/token -d client_id=${sandbox.falcon.clientId} -d client_secret=${sandbox.falcon.clientSecret}`,
		'  Fire a trigger event (npm run sandbox -- --help lists the fields):',
		...triggerEventLines(sandbox.url).filter((line) => !line.startsWith('    fields: ')).map((line) => `  ${line}`),
		'',
		'  n8n credential "Cytomic Orion API":',
		`    Token URL:     ${sandbox.url}/orion/oauth/token`,
		`    API Base URL:  ${sandbox.url}/orion/api/v1/applications`,
		`    Client ID:     ${sandbox.orion.clientId}`,
		`    Client Secret: ${sandbox.orion.clientSecret}`,
		`    Username:      ${sandbox.orion.username}`,
		`    Password:      ${sandbox.orion.password}`,
		`  Orion IOCs: ${sandbox.state.orion.iocCount}, alerts: ${sandbox.state.orion.alerts.length}, retrospective search ${sandbox.config.orionRetrospectiveDelayMs} ms (limit ${sandbox.config.orionRetrospectiveLimitMs} ms)`,
		'  Try:',
		`    curl -s -u ${sandbox.orion.clientId}:${sandbox.orion.clientSecret} ${sandbox.url}/orion/oauth/token -d grant_type=password -d scope=orion.api -d username=${sandbox.orion.username} -d password=${sandbox.orion.password}`,
		'',
		'Press Ctrl+C to stop.',
	];
	console.log(lines.join('\n'));

	const stop = () => {
		sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
	console.error(`Sandbox failed to start: ${(err as Error).message}`);
	process.exit(1);
});
