/**
 * Host groups where users pick them: the sandbox's Host Group API, the IOC node's list search
 * (resource locator "From List"), and Create/Update with host groups from the list or by ID.
 */
import type { INodeListSearchResult, INodeParameters, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { DEMO_HOST_GROUPS, EICAR_SHA256 } from '../../sandbox';
import { createRegistry, fullNodeTypeName, runListSearch } from '../harness';
import { apiCalls, falconStore, json, runFalcon, useSandbox } from '../falcon/fixture';

const sandbox = useSandbox();
const NODE = 'crowdStrikeFalconIoc';
const COMBINED = '/devices/combined/host-groups/v1';
const sha = (n: number) => `beef${n.toString(16).padStart(60, '0')}`;

/** Calls a list search method of the IOC node as n8n's editor does (on Create's Host Groups). */
async function listSearch(method: string, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await runListSearch({
		type: NODE,
		method,
		parameters: { resource: 'indicator', operation: 'create', appliedGlobally: false },
		path: 'parameters.hostGroups.groups[0].hostGroup',
		filter,
		paginationToken,
		credentials: falconStore(sandbox()),
	});
}

const create = (hostGroups: unknown): INodeParameters => ({
	resource: 'indicator',
	operation: 'create',
	type: 'sha256',
	value: '={{ $json.value }}',
	action: 'detect',
	platforms: ['windows'],
	severity: 'high',
	appliedGlobally: false,
	hostGroups: hostGroups as INodeParameters,
});
const entry = (mode: 'list' | 'id', value: unknown) => ({ hostGroup: { __rl: true, mode, value } });
const sentIndicators = () =>
	(apiCalls(sandbox(), '/iocs/entities/indicators/v1').find((call) => call.method === 'POST')?.body as { indicators: Array<Record<string, unknown>> })
		.indicators;

describe('Host groups: the sandbox Host Group API', () => {
	const get = async (path: string) => {
		const token = await fetch(`${sandbox().url}/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ client_id: sandbox().falcon.clientId, client_secret: sandbox().falcon.clientSecret }),
		});
		const { access_token } = (await token.json()) as { access_token: string };
		const response = await fetch(`${sandbox().url}${path}`, { headers: { authorization: `Bearer ${access_token}` } });
		return { status: response.status, body: (await response.json()) as { resources: Array<Record<string, unknown>>; errors: Array<Record<string, unknown>>; meta: Record<string, unknown> } };
	};

	it('searches the demo groups by name with FQL, sorts and pages them', async () => {
		const all = await get(COMBINED);
		expect(all.status).toBe(200);
		expect(all.body.resources.map((group) => group.name)).toEqual(['Finance', 'Servers', 'Workstations']);
		expect(all.body.resources[0]).toMatchObject({ id: DEMO_HOST_GROUPS[2].id, group_type: 'static', created_timestamp: expect.any(String) });

		const fin = await get(`${COMBINED}?filter=${encodeURIComponent("name:*'fin*'")}`);
		expect(fin.body.resources.map((group) => group.name)).toEqual(['Finance']);
		const desc = await get(`${COMBINED}?sort=name.desc&offset=1&limit=1`);
		expect(desc.body.resources.map((group) => group.name)).toEqual(['Servers']);
		expect(desc.body.meta.pagination).toEqual({ offset: 1, limit: 1, total: 3 });
		expect((await get(`${COMBINED}?limit=501`)).status).toBe(400);
		expect((await get(`${COMBINED}?filter=${encodeURIComponent("colour:'red'")}`)).status).toBe(400);
	});

	it('gets groups by id, unknown ids in errors, 404 when none is known', async () => {
		const unknown = '0'.repeat(32);
		const some = await get(`/devices/entities/host-groups/v1?ids=${DEMO_HOST_GROUPS[0].id}&ids=${unknown}`);
		expect(some.status).toBe(200);
		expect(some.body.resources.map((group) => group.name)).toEqual(['Servers']);
		expect(some.body.errors).toEqual([expect.objectContaining({ code: 404, id: unknown })]);
		expect((await get(`/devices/entities/host-groups/v1?ids=${unknown}`)).status).toBe(404);
		const ids = await get('/devices/queries/host-groups/v1?sort=name.asc');
		expect(ids.body.resources).toEqual([DEMO_HOST_GROUPS[2].id, DEMO_HOST_GROUPS[0].id, DEMO_HOST_GROUPS[1].id]);
	});
});

describe('Host groups: list search in the IOC node', () => {
	it('lists groups by name a page at a time, with a pagination token', async () => {
		for (let i = 0; i < 150; i++) sandbox().state.hostGroups.add({ name: `Lab ${String(i).padStart(3, '0')}` });
		const first = await listSearch('searchHostGroups');
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Finance', value: DEMO_HOST_GROUPS[2].id, description: 'Finance (demo tenant)' });
		expect(first.paginationToken).toBe('100');
		const second = await listSearch('searchHostGroups', undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(53);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((result) => result.value)).size).toBe(153);
	});

	it('searches by name anywhere in it, case-insensitive, and quotes what the user typed', async () => {
		for (let i = 0; i < 30; i++) sandbox().state.hostGroups.add({ name: `Lab ${String(i).padStart(3, '0')}` });
		sandbox().state.hostGroups.add({ name: "O'Brien's laptops" });
		sandbox().clearRequests();
		const lab = await listSearch('searchHostGroups', 'AB 01');
		expect(lab.results.map((result) => result.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Lab 01${i}`));
		expect(lab.paginationToken).toBeUndefined();
		const station = await listSearch('searchHostGroups', 'station');
		expect(station.results.map((result) => result.name)).toEqual(['Workstations']);
		const quoted = await listSearch('searchHostGroups', "o'brien");
		expect(quoted.results.map((result) => result.name)).toEqual(["O'Brien's laptops"]);
		expect(apiCalls(sandbox(), COMBINED).map((call) => call.query.filter?.[0])).toEqual(["name:*'*AB 01*'", "name:*'*station*'", "name:*'*o\\'brien*'"]);
	});

	it('describes Host Groups as entries of a resource locator with list and ID modes, on Create and Update', async () => {
		const registry = createRegistry({});
		const properties = registry.nodeTypes.getByNameAndVersion(fullNodeTypeName(NODE), 1).description.properties;
		const onCreate = properties.find((property) => property.name === 'hostGroups' && property.displayOptions?.show?.operation?.includes('create'));
		const updateFields = properties.find((property) => property.name === 'updateFields');
		const onUpdate = (updateFields?.options as INodeProperties[] | undefined)?.find((option) => option.name === 'hostGroups');
		for (const property of [onCreate, onUpdate]) {
			expect(property).toMatchObject({ type: 'fixedCollection', typeOptions: { multipleValues: true } });
			const locator = ((property?.options as INodePropertyCollection[])[0].values[0]);
			expect(locator).toMatchObject({ name: 'hostGroup', type: 'resourceLocator', default: { mode: 'list', value: '' } });
			expect(locator.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod])).toEqual([['list', 'searchHostGroups'], ['id', undefined]]);
		}
	});
});

describe('Host groups: Create and Update', () => {
	it('creates an indicator for groups picked from the list and by ID, an expression may give several IDs', async () => {
		const [servers, workstations, finance] = DEMO_HOST_GROUPS.map((group) => group.id);
		const result = await runFalcon(
			sandbox(),
			NODE,
			create({ groups: [entry('list', servers), entry('id', workstations.toUpperCase()), entry('id', '={{ $json.more }}')] }),
			{ input: [{ json: { value: sha(1), more: [finance] } }] },
		);
		expect(result.error).toBeUndefined();
		expect(sentIndicators()[0]).toMatchObject({ applied_globally: false, host_groups: [servers, workstations.toUpperCase(), finance] });
		expect(json(result)[0]).toMatchObject({ value: sha(1), host_groups: [servers, workstations, finance] });
	});

	it('validates an ID before any request: from an expression, typed in, or no group at all', async () => {
		const cases = [
			create({ groups: [entry('id', '={{ $json.group }}')] }),
			create({ groups: [entry('list', DEMO_HOST_GROUPS[0].id), entry('id', '={{ "abc" }}')] }),
			create({ groups: [entry('id', 'not-a-host-group')] }),
			create({}),
		];
		for (const parameters of cases) {
			const result = await runFalcon(sandbox(), NODE, parameters, { input: [{ json: { value: sha(2), group: 'g'.repeat(32) } }] });
			expect(result.error).toBeDefined();
			expect(`${result.error?.message} ${result.error?.description ?? ''}`).toMatch(/host group/i);
		}
		expect(apiCalls(sandbox())).toHaveLength(0);
	});

	it('an ID from an expression is checked by the node, naming the item, the field and the rule', async () => {
		const result = await runFalcon(sandbox(), NODE, create({ groups: [entry('id', '={{ $json.group }}')] }), {
			input: [{ json: { value: sha(3), group: 'xyz' } }],
		});
		expect(result.error?.message).toBe(
			'Invalid "Host Groups" in item 0: "xyz": a host group ID is 32 hexadecimal characters (separate several values with new lines, commas, semicolons or spaces)',
		);
	});

	it('updates an indicator to other host groups (replacing them), also with If Indicator Exists = Update', async () => {
		const id = sandbox().state.iocs.findByValue('sha256', EICAR_SHA256)?.id as string;
		const update = await runFalcon(sandbox(), NODE, {
			resource: 'indicator',
			operation: 'update',
			updateBy: 'id',
			indicatorId: id,
			updateFields: { hostGroups: { groups: [entry('list', DEMO_HOST_GROUPS[2].id)] } } as unknown as INodeParameters,
		});
		expect(update.error).toBeUndefined();
		expect(json(update)[0]).toMatchObject({ id, applied_globally: false, host_groups: [DEMO_HOST_GROUPS[2].id] });

		sandbox().clearRequests();
		const upsert = await runFalcon(
			sandbox(),
			NODE,
			{ ...create({ groups: [entry('id', DEMO_HOST_GROUPS[1].id)] }), options: { onExisting: 'update' } },
			{ input: [{ json: { value: EICAR_SHA256 } }] },
		);
		expect(upsert.error).toBeUndefined();
		expect(json(upsert)[0]).toMatchObject({ id, host_groups: [DEMO_HOST_GROUPS[1].id] });
	});
});
