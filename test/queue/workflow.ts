/**
 * What the queue-mode test imports into n8n: one dynamic-token credential pointing at the
 * sandbox, and a webhook-triggered workflow Webhook → Movilitas Decommission that decommissions
 * the serials in the webhook's body. Also the serials each webhook call sends.
 */
import { randomBytes } from 'node:crypto';

import { DEFAULT_PRODUCT_EU } from '../sandbox/server';
import { randomId, type CredentialImport, type WorkflowJson } from '../e2e/n8n-cli';
import { CREDENTIAL_TYPE, NODE_TYPE } from '../e2e/settings';
import {
	AUTHENTICATION_FIELD,
	BATCH_SIZE,
	CHANNEL_KEY_FIELD,
	NODE_NAME,
	REQUESTS_IN_FLIGHT,
	WEBHOOK_PATH,
} from './settings';

export const PRODUCT_CODE = DEFAULT_PRODUCT_EU;

/** Random key, secret and channel key: a random string cannot turn up in a log by chance. */
export interface ApiSecrets {
	apiKey: string;
	apiSecret: string;
	channelKey: string;
}

export function randomSecrets(): ApiSecrets {
	return {
		apiKey: `qk${randomBytes(10).toString('hex')}`,
		apiSecret: `qs${randomBytes(16).toString('hex')}`,
		channelKey: `qc${randomBytes(10).toString('hex')}`,
	};
}

export function dynamicCredential(baseUrl: string, secrets: ApiSecrets): CredentialImport {
	return {
		id: randomId('cr'),
		name: 'Movilitas sandbox (queue test)',
		type: CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			baseUrl,
			[AUTHENTICATION_FIELD]: 'dynamic',
			apiKey: secrets.apiKey,
			apiSecret: secrets.apiSecret,
			staticToken: '',
			[CHANNEL_KEY_FIELD]: secrets.channelKey,
			accessToken: '',
		},
	};
}

/**
 * The webhook answers as soon as it has the call ("Immediately"): the test reads every
 * execution's outcome from PostgreSQL, the one record main and workers share, instead of
 * relying on main relaying 20 results of 500 items back over HTTP.
 */
export function webhookWorkflow(credential: CredentialImport): WorkflowJson {
	return {
		id: randomId('wf'),
		name: 'Movilitas queue-mode test',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '3f7d2c10-0b8e-4c1a-9a51-7e1d0c2b5a01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '3f7d2c10-0b8e-4c1a-9a51-7e1d0c2b5a0f',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: '3f7d2c10-0b8e-4c1a-9a51-7e1d0c2b5a02',
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					productCode: PRODUCT_CODE,
					productCodeSchema: 'GTIN',
					reason: 'destroy',
					sendToMarket: false,
					marketId: 'EU',
					serialsSource: 'field',
					serialsField: 'body.serials',
					options: { batchSize: BATCH_SIZE, requestsInFlight: REQUESTS_IN_FLIGHT },
				},
				credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}

/** The serials of one webhook call: unique across calls and runs, GS1 AI (21) safe. */
export function serialsForCall(runTag: string, call: number, count: number): string[] {
	return Array.from(
		{ length: count },
		(_, i) => `Q${runTag}C${String(call).padStart(3, '0')}S${String(i).padStart(5, '0')}`,
	);
}
