/**
 * The page loops of the Falcon transport. The sandbox sights an indicator on at most ten hosts, fewer
 * than one page of the ran-on lists, so the cursor paging is driven here by a client that answers pages.
 */
import type { FalconClient, FalconEnvelope, FalconRequest } from '../../nodes/CrowdStrike/transport';
import { collectByNextOffset } from '../../nodes/CrowdStrike/transport';

function pagedClient(pages: Array<FalconEnvelope<string>>) {
	const sent: FalconRequest[] = [];
	const client = {
		async request(request: FalconRequest) {
			sent.push(request);
			return pages[sent.length - 1];
		},
	} as unknown as FalconClient;
	return { client, sent };
}

const request: FalconRequest = { method: 'GET', path: '/ran-on', qs: { type: 'sha256', value: 'a'.repeat(64) } };

describe('collectByNextOffset (api.DetectsQueryPaging: offset is a cursor, no total)', () => {
	it('sends back the cursor the previous page handed out, never a number it computed', async () => {
		const { client, sent } = pagedClient([
			{ meta: { pagination: { limit: 2, offset: 'cm8xOjI' } }, resources: ['d1', 'd2'], errors: null },
			{ meta: { pagination: { limit: 2, offset: 'cm8xOjQ' } }, resources: ['d3', 'd4'], errors: null },
			{ meta: { pagination: { limit: 2 } }, resources: ['d5'], errors: null },
		]);
		const { resources, requests } = await collectByNextOffset<string>(client, request, { returnAll: true, limit: Infinity }, 2);
		expect(resources).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
		expect(requests).toBe(3);
		expect(sent.map((r) => r.qs?.offset)).toEqual([undefined, 'cm8xOjI', 'cm8xOjQ']);
	});

	it('stops when a full page hands out no cursor, or the same cursor again', async () => {
		const { client, sent } = pagedClient([
			{ meta: { pagination: { limit: 2, offset: 'x1' } }, resources: ['d1', 'd2'], errors: null },
			{ meta: { pagination: { limit: 2, offset: 'x1' } }, resources: ['d3', 'd4'], errors: null },
		]);
		const { resources } = await collectByNextOffset<string>(client, request, { returnAll: true, limit: Infinity }, 2);
		expect(resources).toEqual(['d1', 'd2', 'd3', 'd4']);
		expect(sent).toHaveLength(2);
	});

	it('reads a numeric offset too: one that repeats where the page started moves on by the page', async () => {
		const { client, sent } = pagedClient([
			{ meta: { pagination: { limit: 2, offset: 0, total: 3 } }, resources: ['d1', 'd2'], errors: null },
			{ meta: { pagination: { limit: 2, offset: 2, total: 3 } }, resources: ['d3'], errors: null },
		]);
		const { resources } = await collectByNextOffset<string>(client, request, { returnAll: true, limit: Infinity }, 2);
		expect(resources).toEqual(['d1', 'd2', 'd3']);
		expect(sent.map((r) => r.qs?.offset)).toEqual([undefined, 2]);
	});
});
