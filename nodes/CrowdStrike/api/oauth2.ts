/** OAuth2 (gofalcon `oauth2`): the token the credential fetches; requests to it go through the credential, not the transport. */
import { operations } from './operation';

export const oauth2 = operations('oauth2', {
	accessToken: {
		operationId: 'oauth2AccessToken',
		method: 'POST',
		path: '/oauth2/token',
		params: { client_id: 'formData', client_secret: 'formData', member_cid: 'formData' },
	},
});

export const TOKEN_PATH = oauth2.accessToken.path;
