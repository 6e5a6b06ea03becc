import { iocs } from '../../../api/iocs';
import { devicesRanOnOperation } from '../../../shared/observed';

export const { description, execute } = devicesRanOnOperation(iocs.devicesRanOn, {
	show: { resource: ['device'], operation: ['getMany'] },
});
