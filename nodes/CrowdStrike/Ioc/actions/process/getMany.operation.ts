import { ioc } from '../../../api/ioc';
import { processesRanOnOperation } from '../../../shared/observed';

export const { description, execute } = processesRanOnOperation(ioc.processesRanOn, {
	show: { resource: ['process'], operation: ['getMany'] },
});
