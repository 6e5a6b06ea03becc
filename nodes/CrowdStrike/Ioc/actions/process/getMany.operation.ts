import { processesRanOnOperation } from '../../../shared/observed';

export const { description, execute } = processesRanOnOperation('/iocs/queries/indicators/processes/v1', {
	show: { resource: ['process'], operation: ['getMany'] },
});
