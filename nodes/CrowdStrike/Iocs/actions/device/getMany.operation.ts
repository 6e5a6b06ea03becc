import { devicesRanOnOperation } from '../../../shared/observed';

export const { description, execute } = devicesRanOnOperation('/indicators/queries/devices/v1', {
	show: { resource: ['device'], operation: ['getMany'] },
});
