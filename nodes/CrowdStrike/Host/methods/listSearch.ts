export { searchHostGroups } from '../../shared/host-group-search';
