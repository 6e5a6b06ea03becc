/**
 * Baseline (b): a plain sequential client on undici. One token, then one request per item, one at
 * a time, no retries (a 429 or any other error fails the item). Return All pages with the `after`
 * cursor at the API's largest page, one page after the other.
 */
import { performance } from 'perf_hooks';
import { Agent, request } from 'undici';

import { maxRssMb, readJob, rssMb, writeResult } from '../lib/child';
import { CREATE_FIELDS, PAGE_SIZE, PATHS, SCENARIOS, SYNC_SOURCE, inputItems } from '../lib/scenarios';

interface Envelope {
	meta?: { pagination?: { after?: string } };
	resources?: unknown[];
	access_token?: string;
}

async function main(): Promise<void> {
	const job = readJob();
	const scenario = SCENARIOS.find((s) => s.id === job.scenario)!;
	const base = job.sandbox.url;
	const dispatcher = new Agent({ connections: 1 });
	const startRssMb = rssMb();
	const started = performance.now();

	const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', route: string, init: { query?: Record<string, string>; body?: string; headers?: Record<string, string> }) => {
		const url = new URL(route, base);
		for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
		const res = await request(url, { method, body: init.body, headers: init.headers, dispatcher });
		const text = await res.body.text();
		return { status: res.statusCode, body: (text ? JSON.parse(text) : {}) as Envelope };
	};

	const token = await call('POST', PATHS.token, {
		body: new URLSearchParams({ client_id: job.sandbox.clientId, client_secret: job.sandbox.clientSecret }).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
	const authorization = `Bearer ${token.body.access_token ?? ''}`;
	let outputItems = 0;
	let failedItems = 0;

	if (scenario.id === 's6') {
		// The same diff as the Sync node's, with one request per change.
		const existing = new Map<string, { id: string; severity?: string }>();
		let after: string | undefined;
		do {
			const page = await call('GET', PATHS.combined, {
				query: { limit: String(PAGE_SIZE), filter: `source:'${SYNC_SOURCE}'`, ...(after ? { after } : {}) },
				headers: { authorization },
			});
			if (page.status !== 200) throw new Error(`listing failed: ${page.status}`);
			for (const record of (page.body.resources ?? []) as Array<{ id: string; value: string; severity?: string }>) existing.set(record.value, record);
			after = page.body.meta?.pagination?.after || undefined;
		} while (after);
		const listed = new Set<string>();
		const json = { authorization, 'content-type': 'application/json' };
		for (const { json: item } of inputItems(scenario)) {
			listed.add(item.value);
			const record = existing.get(item.value);
			outputItems++;
			if (record && record.severity === CREATE_FIELDS.severity) continue;
			const indicator = { ...CREATE_FIELDS, source: SYNC_SOURCE };
			const answer = record
				? await call('PATCH', PATHS.create, { body: JSON.stringify({ indicators: [{ id: record.id, ...indicator }] }), headers: json })
				: await call('POST', PATHS.create, { body: JSON.stringify({ indicators: [{ type: item.type, value: item.value, ...indicator }] }), headers: json });
			if (answer.status !== 200 && answer.status !== 201) failedItems++;
		}
		for (const [value, record] of existing) {
			if (listed.has(value)) continue;
			const answer = await call('DELETE', PATHS.create, { query: { ids: record.id }, headers: { authorization } });
			if (answer.status !== 200) failedItems++;
		}
	} else if (scenario.id === 's2') {
		let after: string | undefined;
		do {
			const page = await call('GET', PATHS.combined, {
				query: { limit: String(PAGE_SIZE), ...(after ? { after } : {}) },
				headers: { authorization },
			});
			if (page.status !== 200) {
				failedItems = 1;
				break;
			}
			outputItems += page.body.resources?.length ?? 0;
			after = page.body.meta?.pagination?.after || undefined;
		} while (after);
	} else {
		for (const { json } of inputItems(scenario)) {
			const answer =
				scenario.id === 's3'
					? await call('GET', PATHS.deviceCount, { query: { type: json.type, value: json.value }, headers: { authorization } })
					: await call('POST', PATHS.create, {
							body: JSON.stringify({ indicators: [{ type: json.type, value: json.value, ...CREATE_FIELDS }] }),
							headers: { authorization, 'content-type': 'application/json' },
						});
			outputItems++;
			// A 404 from device count is the API's "no host saw it" (count 0), not a failure.
			const ok = answer.status === 200 || answer.status === 201 || (scenario.id === 's3' && answer.status === 404);
			if (!ok) failedItems++;
		}
	}
	const wallMs = performance.now() - started;
	await dispatcher.close();
	writeResult(job, { wallMs, totalMs: wallMs, outputItems, failedItems, peakRssMb: maxRssMb(), startRssMb });
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});
