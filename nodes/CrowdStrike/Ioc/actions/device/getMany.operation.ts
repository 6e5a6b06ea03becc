import { ioc } from '../../../api/ioc';
import { devicesRanOnOperation } from '../../../shared/observed';

export const { description, execute } = devicesRanOnOperation(ioc.devicesRanOn, {
	show: { resource: ['device'], operation: ['getMany'] },
});
