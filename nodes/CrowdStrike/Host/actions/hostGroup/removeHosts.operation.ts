import { groupActionOperation } from './groupAction';

const operation = groupActionOperation({ operation: 'removeHosts', action: 'remove-hosts', verb: 'remove', preposition: 'from' });

export const description = operation.description;
export const execute = operation.execute;
