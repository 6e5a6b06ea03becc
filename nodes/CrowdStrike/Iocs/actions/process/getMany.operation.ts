import { processesRanOnOperation } from '../../../shared/observed';

export const { description, execute } = processesRanOnOperation('/indicators/queries/processes/v1', {
	show: { resource: ['process'], operation: ['getMany'] },
});
