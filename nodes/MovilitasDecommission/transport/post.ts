import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Result } from '../lib/result';
import { mask } from '../lib/secrets';
import { isAuthFailure } from './auth';
import { DECOMMISSION_PATH } from './environment';
import { UNKNOWN_ADVICE } from './errors';
import type { Failure, Session } from './session';
import { CREDENTIAL_TYPE } from './session';

export type Answer = Result<{ response: IN8nHttpFullResponse }, Failure>;

/** Connection errors that happen before anything reaches the server. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ERR_INVALID_URL',
	// Node refuses to build a request whose header holds a line break or another invalid character.
	'ERR_INVALID_CHAR',
	'ERR_HTTP_INVALID_HEADER_VALUE',
	'ERR_INVALID_HTTP_TOKEN',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

function causes(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current = error as Record<string, unknown> | undefined;
	while (current && typeof current === 'object' && chain.length < 5) {
		chain.push(current);
		current = current.cause as Record<string, unknown> | undefined;
	}
	return chain;
}

function networkFailure(session: Session, error: unknown): Failure {
	const chain = causes(error);
	const secrets = session.secrets.values();
	const auth = chain.find((entry) => isAuthFailure(entry.message));
	if (auth) {
		return {
			kind: 'credential',
			message: mask(String(auth.message), secrets),
			description: mask(String(auth.description ?? ''), secrets),
		};
	}
	// n8n's NodeApiError drops the network error it wraps but keeps its code as `httpCode`.
	const code = chain
		.flatMap((entry) => [entry.code, entry.httpCode])
		.find((value): value is string => typeof value === 'string' && /^[A-Z_]{4,}$/.test(value));
	if (code && NOT_SENT_CODES.has(code)) {
		return {
			kind: 'notSent',
			// n8n replaces a message that names a network error code with a generic one:
			// the code goes into the description.
			message: `Could not reach Movilitas at ${session.baseUrl}: nothing was sent`,
			description: `Network error ${code}. Check the environment or Base URL of the Movilitas API credential.`,
		};
	}
	const timedOut = (code && TIMEOUT_CODES.has(code)) || /timeout/i.test(String(chain[0]?.message));
	return {
		kind: 'unknown',
		message: timedOut
			? `Movilitas did not answer within ${session.timeoutMs / 1000} s (Request Timeout)`
			: 'The connection to Movilitas was lost after the request was sent',
		description: `${code ? `Network error ${code}. ` : ''}${UNKNOWN_ADVICE}`,
	};
}

/** Posts one decommission request through n8n's authentication. */
export async function post(session: Session, body: IDataObject, refresh: boolean): Promise<Answer> {
	const { ctx } = session;
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${session.baseUrl}${DECOMMISSION_PATH}`,
		headers: { 'Content-Type': 'application/json' },
		body,
		json: true,
		returnFullResponse: true,
		// Every answer is classified here, the same way on every n8n version: n8n itself would
		// only refresh on a 401, and Movilitas may refuse a token with a 403 or an error body.
		ignoreHttpStatusErrors: true,
		// n8n would follow a redirect and resend the token, channel key and serials there.
		disableFollowRedirect: true,
		timeout: session.timeoutMs,
	};
	// The credential goes with the request as last read, so the node knows which token it sent.
	// With `refresh` its token is emptied, which makes n8n run the credential's
	// preAuthentication, store the new token for every worker, and send the request with it.
	const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const credentials = session.tokens.credentials();
	const additional = {
		credentialsDecrypted: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: refresh ? { ...credentials, accessToken: '' } : { ...credentials },
		},
	};
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			options,
			additional,
		)) as IN8nHttpFullResponse;
		return { ok: true, response };
	} catch (error) {
		return { ok: false, ...networkFailure(session, error) };
	}
}
