/**
 * Local Movilitas.Cloud sandbox: a stand-in for the Authentication API and the Manufacturer V2
 * "decommission serials" endpoint, for tests and manual runs of the n8n node. It follows the
 * vendor contract where it is documented and makes every unknown a setting (types.ts, config.ts).
 *
 * Routes (anything else: NotFoundError, 404):
 * - POST /v1/api_auth  { api_key, api_secret } -> 200 { success, message, <tokenField>: jwt }
 *   failures carry no type: { success: false, message } with authFailureStatus or 400.
 * - POST /v1/manufacturer/v2/api/serials/decommission, headers x-access-token, x-channel-key
 *   -> 200 { success: true, message: 'Serials decommissioned', data: [{ serial_number, status }] }
 *
 * Error types (body per errorShape, see errors.ts; status per errorStatus):
 * - NoTokenError 401, InvalidTokenError 401 (unknown, expired, forged, revoked or used-up token),
 *   ValidationError 400, ProductError 404: documented by the vendor.
 * - ChannelError 403 (missing or unknown x-channel-key), SerialNotFoundError 404, SerialStateError
 *   409 (only in the 'error' modes), RateLimitError 429, ServiceUnavailableError 503,
 *   NotFoundError 404: sandbox names, as the vendor documents none.
 *
 * Binds to 127.0.0.1 only, keeps nothing on disk and prints nothing (cli.ts prints).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import { handleAuth } from './auth';
import {
	applyOptions,
	AUTH_PATH,
	DECOMMISSION_PATH,
	DEFAULT_API_KEY,
	defaultSettings,
} from './config';
import type { SandboxContext } from './context';
import { handleDecommission } from './decommission';
import { errorOutcome, rateLimited, serviceUnavailable } from './errors';
import { FaultRuntime, seededRandom } from './faults';
import { SandboxStateView } from './state';
import { SerialStore } from './store';
import { TokenService } from './tokens';
import type {
	IncomingInfo,
	Outcome,
	RecordedRequest,
	Route,
	Sandbox,
	SandboxOptions,
} from './types';

export * from './types';
export { serialKey } from './store';
export {
	AUTH_PATH,
	DECOMMISSION_PATH,
	DEFAULT_API_KEY,
	DEFAULT_API_SECRET,
	DEFAULT_CHANNEL_KEY,
	DEFAULT_ERROR_STATUS,
	DEFAULT_PRODUCT_EU,
	DEFAULT_PRODUCT_US,
	DEFAULT_STATIC_TOKEN,
	defaultSettings,
} from './config';

export const SANDBOX_HOST = '127.0.0.1';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const settings = applyOptions(defaultSettings(), options);
	const store = new SerialStore();
	store.reset(settings.products);
	const ctx: SandboxContext = {
		settings,
		tokens: new TokenService(),
		store,
		faults: new FaultRuntime(settings),
		requests: [],
		shapeRandom: seededRandom(settings.seed + 1),
	};
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const delay = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	const server = createServer((req, res) => {
		serve(ctx, delay, req, res).catch(() => {
			// Only reachable on a sandbox bug; answer rather than leave the client hanging.
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
				res.end(JSON.stringify({ success: false, message: 'Sandbox internal error' }));
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(settings.port, SANDBOX_HOST, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : settings.port;

	let stopping: Promise<void> | undefined;
	return {
		url: `http://${SANDBOX_HOST}:${port}`,
		port,
		state: new SandboxStateView(ctx),
		get settings() {
			return ctx.settings;
		},
		configure(patch: SandboxOptions) {
			const { port: _ignored, ...rest } = patch;
			ctx.settings = applyOptions(ctx.settings, rest);
			ctx.faults.onConfigure(rest, ctx.settings);
			if ('seed' in rest) ctx.shapeRandom = seededRandom(ctx.settings.seed + 1);
			if (rest.products) ctx.store.seed(ctx.settings.products);
		},
		issueToken(apiKey?: string) {
			const key = apiKey ?? ctx.settings.apiKeys[0]?.apiKey ?? DEFAULT_API_KEY;
			return ctx.tokens.issue(key, ctx.settings.tokenLifetimeSeconds);
		},
		stop() {
			stopping ??= new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				server.close(() => resolve());
				// Keep-alive sockets would hold the process (and jest) open otherwise.
				for (const socket of sockets) socket.destroy();
			});
			return stopping;
		},
	};
}

async function serve(
	ctx: SandboxContext,
	delay: (ms: number) => Promise<void>,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const rawBody = await readBody(req);
	const method = req.method ?? 'GET';
	const path = normalisePath(req.url ?? '/');
	const headers = lowerCaseHeaders(req);
	const route = routeOf(method, path);
	const entry: RecordedRequest = {
		method,
		path,
		route,
		headers,
		body: recordedBody(rawBody),
		status: 0,
		dropped: false,
		at: Date.now(),
	};
	ctx.requests.push(entry);
	const info: IncomingInfo = { method, path, headers, rawBody };

	let dropAfter = false;
	if (route === 'decommission' || (route === 'auth' && ctx.settings.faultsOnAuth)) {
		if (ctx.settings.latencyMs > 0) await delay(ctx.settings.latencyMs);
		const fault = ctx.faults.decide(ctx.settings);
		if (fault.kind === 'rateLimit') {
			return finish(ctx, res, entry, rateLimited(ctx.settings, fault.retryAfterSeconds));
		}
		if (fault.kind === 'fail503') {
			return finish(ctx, res, entry, serviceUnavailable(ctx.settings, fault.html));
		}
		if (fault.kind === 'drop' && !fault.afterProcessing) return drop(ctx, res, entry);
		dropAfter = fault.kind === 'drop';
	}

	let outcome: Outcome;
	if (route === 'auth') outcome = handleAuth(ctx, info);
	else if (route === 'decommission') outcome = handleDecommission(ctx, info);
	else outcome = errorOutcome(ctx.settings, 'NotFoundError', `Cannot ${method} ${path}`);
	if (dropAfter) return drop(ctx, res, entry);
	finish(ctx, res, entry, outcome);
}

function finish(
	ctx: SandboxContext,
	res: ServerResponse,
	entry: RecordedRequest,
	outcome: Outcome,
): void {
	const text = typeof outcome.body === 'string' ? outcome.body : JSON.stringify(outcome.body);
	res.writeHead(outcome.status, {
		'content-type': outcome.contentType ?? 'application/json; charset=utf-8',
		'content-length': String(Buffer.byteLength(text)),
		...outcome.headers,
	});
	res.end(text);
	entry.status = outcome.status;
	done(ctx, entry);
}

function drop(ctx: SandboxContext, res: ServerResponse, entry: RecordedRequest): void {
	entry.dropped = true;
	res.socket?.destroy();
	done(ctx, entry);
}

function done(ctx: SandboxContext, entry: RecordedRequest): void {
	entry.durationMs = Date.now() - entry.at;
	ctx.settings.onRequest?.(entry);
}

function routeOf(method: string, path: string): Route {
	if (method !== 'POST') return 'other';
	if (path === AUTH_PATH) return 'auth';
	if (path === DECOMMISSION_PATH) return 'decommission';
	return 'other';
}

/** Drops the query and one trailing slash, as Express's default routing does; '//' stays wrong. */
function normalisePath(url: string): string {
	const path = url.split('?')[0];
	return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
	}
	return headers;
}

function recordedBody(raw: string): unknown {
	if (raw === '') return '';
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
