import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { actionOptions, iocTypeOptions, platformOptions, severityOptions } from '../../shared/descriptions';
import { FalconClient } from '../../transport';
import { getAllActions, referenceValues } from '../../api/ioc';

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

/**
 * An action's option, saying which indicator types it applies to. api.ActionV1 has no description:
 * `{id, platforms_by_type, severities}`; the built-in description says what the action does.
 */
function withTypes(option: Option, record: IDataObject | undefined): Option {
	const byType = record?.platforms_by_type;
	const types = byType !== null && typeof byType === 'object' && !Array.isArray(byType) ? Object.keys(byType).sort() : [];
	if (types.length === 0) return option;
	const applies = `For ${types.join(', ')}`;
	return { ...option, description: option.description ? `${option.description}. ${applies}.` : `${applies}.` };
}

export async function getIocTypes(this: ILoadOptionsFunctions): Promise<Option[]> {
	return await liveOrStatic(this, async (client) => merge(await referenceValues(client, 'getIocTypes'), iocTypeOptions), iocTypeOptions);
}

export async function getPlatforms(this: ILoadOptionsFunctions): Promise<Option[]> {
	return await liveOrStatic(this, async (client) => merge(await referenceValues(client, 'getPlatforms'), platformOptions), platformOptions);
}

export async function getSeverities(this: ILoadOptionsFunctions): Promise<Option[]> {
	return await liveOrStatic(this, async (client) => merge(await referenceValues(client, 'getSeverities'), severityOptions), severityOptions);
}

export async function getActions(this: ILoadOptionsFunctions): Promise<Option[]> {
	return await liveOrStatic(
		this,
		async (client) => {
			const ids = await referenceValues(client, 'getActions');
			const records = new Map((ids.length > 0 ? await getAllActions(client, ids) : []).map((record) => [String(record.id), record]));
			return merge(ids, actionOptions).map((option) => withTypes(option, records.get(String(option.value))));
		},
		actionOptions,
	);
}
