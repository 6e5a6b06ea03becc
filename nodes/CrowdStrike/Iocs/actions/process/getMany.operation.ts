import { iocs } from '../../../api/iocs';
import { processesRanOnOperation } from '../../../shared/observed';

export const { description, execute } = processesRanOnOperation(iocs.processesRanOn, {
	show: { resource: ['process'], operation: ['getMany'] },
});
