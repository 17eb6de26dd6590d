/**
 * Shared by the hostile pairing and contradiction tests: the secrets of the dynamic credential
 * fixture, a Movilitas whose answers come back late (and so out of order), and item readers.
 */
import nock from 'nock';
import type { INodeExecutionData } from 'n8n-workflow';

import { DECOMMISSION_PATH, PRODUCTION } from './hostile';

export const TOKEN = 'jwt-hostile-token-77';
/** The dynamic credential fixture's secrets, and the token the tests hand out. */
export const SECRETS = ['key-4f1a9c', 'secret-7d2e8b61', 'channel-Ky1SpfEX9q', TOKEN];

export type Body = { serials: string[]; product_code: string; [key: string]: unknown };
export type Json = Record<string, unknown>;

/**
 * The decommission endpoint answering each request with `answer`, each after its own delay, so
 * that with several requests in flight the answers come back in another order than sent.
 */
export function movilitasLate(
	answer: (body: Body) => [number, unknown],
	delay: (body: Body, n: number) => number,
	times: number,
): Body[] {
	const seen: Body[] = [];
	nock(PRODUCTION)
		.post(DECOMMISSION_PATH)
		.times(times)
		.reply(function (_uri, raw, callback) {
			const body = raw as Body;
			seen.push(body);
			const reply = answer(body) as [number, nock.Body];
			setTimeout(() => callback(null, reply), delay(body, seen.length));
		});
	return seen;
}

export const FIELD = { serialsSource: 'field', serialsField: 'serials' };

export const serialOf = (item: INodeExecutionData) =>
	(item.json.serial_number ?? (item.json.error as Json | undefined)?.serial_number) as
		| string
		| undefined;
