import { groupActionOperation } from './groupAction';

const operation = groupActionOperation({ operation: 'addHosts', action: 'add-hosts', verb: 'add', preposition: 'to' });

export const description = operation.description;
export const execute = operation.execute;
