import { httpRequestWithAuthentication } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { INode, IWorkflowExecuteAdditionalData, Workflow } from 'n8n-workflow';

import { authError, isAuthFailure } from '../../nodes/MovilitasDecommission/transport/auth';

// Pinned to n8n-core 2.8.1 (a deep import: the function is not part of n8n-core's public API).
// On an upgrade, check that the path still exists; if it moved, import it from its new place.

/** Runs n8n's own httpRequestWithAuthentication with a credential whose preAuthentication fails. */
async function failingPreAuthentication(thrown: Error): Promise<Record<string, unknown>> {
	const node = { name: 'Movilitas', type: 'x', typeVersion: 1, parameters: {} } as unknown as INode;
	const additionalData = {
		credentialsHelper: {
			getParentTypes: () => [],
			preAuthentication: async () => {
				throw thrown;
			},
			authenticate: async (_c: unknown, _t: string, options: unknown) => options,
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = {
		helpers: {},
		getNode: () => node,
		getCredentials: async () => ({ authentication: 'dynamic', accessToken: '' }),
	};
	try {
		await httpRequestWithAuthentication.call(
			context as never,
			'movilitasApi',
			{ url: 'http://127.0.0.1:9/never', method: 'POST' },
			{} as Workflow,
			node,
			additionalData,
		);
	} catch (error) {
		return error as Record<string, unknown>;
	}
	throw new Error('n8n did not fail the request');
}

describe('n8n wraps an error thrown by preAuthentication (why transport/auth.ts keeps a registry)', () => {
	it('keeps the message but drops the error itself, so the node recognises it by its message', async () => {
		const thrown = authError('Invalid API key or secret: refused (test of n8n wrapping)');
		const caught = await failingPreAuthentication(thrown);

		expect(caught.message).toBe(thrown.message);
		const chain: unknown[] = [];
		for (let entry: unknown = caught; entry && chain.length < 10; ) {
			chain.push(entry);
			entry = (entry as { cause?: unknown }).cause;
		}
		// When this fails, n8n has started to keep the original error: look for it in the cause
		// chain in transport/post.ts and remove the message registry from transport/auth.ts.
		expect(chain).not.toContain(thrown);
		expect(chain.some((entry) => (entry as Error).name === 'UserError')).toBe(false);
		expect(isAuthFailure(caught.message)).toBe(true);
	});
});
