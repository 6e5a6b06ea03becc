import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { actionOptions, iocTypeOptions, platformOptions, severityOptions } from '../../shared/descriptions';
import { FalconClient } from '../../transport';
import { REFERENCE_PATHS } from '../actions/referenceData/list';

type Option = INodePropertyOptions;

const label = (value: string) => value.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

/**
 * The live list from the API, labelled like the static one. Without a credential or scope the
 * static list still lets the user build the workflow, so a failure falls back to it and is logged.
 */
async function liveOrStatic(ctx: ILoadOptionsFunctions, load: (client: FalconClient) => Promise<Option[]>, fallback: Option[]) {
	try {
		const live = await load(new FalconClient(ctx));
		return live.length > 0 ? live : fallback;
	} catch (error) {
		ctx.logger.warn(`CrowdStrike Falcon: using the built-in list, the API could not be read (${(error as Error).message})`);
		return fallback;
	}
}

function merge(values: string[], known: Option[]): Option[] {
	return values
		.map((value) => known.find((option) => option.value === value) ?? { name: label(value), value })
		.sort((a, b) => a.name.localeCompare(b.name));
}

async function referenceValues(client: FalconClient, path: string): Promise<string[]> {
	return ((await client.request<string>({ method: 'GET', path, qs: { limit: 100 } })).resources ?? []).map(String);
}

export async function getIocTypes(this: ILoadOptionsFunctions): Promise<Option[]> {
	return await liveOrStatic(this, async (client) => merge(await referenceValues(client, REFERENCE_PATHS.getIocTypes), iocTypeOptions), iocTypeOptions);
}

export async function getPlatforms(this: ILoadOptionsFunctions): Promise<Option[]> {
	return await liveOrStatic(this, async (client) => merge(await referenceValues(client, REFERENCE_PATHS.getPlatforms), platformOptions), platformOptions);
}

export async function getSeverities(this: ILoadOptionsFunctions): Promise<Option[]> {
	return await liveOrStatic(this, async (client) => merge(await referenceValues(client, REFERENCE_PATHS.getSeverities), severityOptions), severityOptions);
}

export async function getActions(this: ILoadOptionsFunctions): Promise<Option[]> {
	return await liveOrStatic(
		this,
		async (client) => {
			const ids = await referenceValues(client, '/iocs/queries/actions/v1');
			const records = ids.length > 0 ? ((await client.request({ method: 'GET', path: '/iocs/entities/actions/v1', qs: { ids } })).resources ?? []) : [];
			const known = merge(ids, actionOptions);
			return known.map((option) => {
				const record = records.find((entry) => entry.id === option.value);
				return record?.description ? { ...option, description: String(record.description) } : option;
			});
		},
		actionOptions,
	);
}
