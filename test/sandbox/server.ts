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
 * Faults (fault-types.ts, all seeded): redirects to another host, 429 windows and storms, 503
 * and other 5xx before or after processing, dropped connections, slow answers, `success: false`
 * answers with per-serial results, tokens that die after K requests, and secrets echoed into
 * messages (echoSecrets). state.requests records every request; state.ledger() sums them up.
 *
 * Binds to 127.0.0.1 only, keeps nothing on disk and prints nothing (cli.ts prints).
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';

import { applyOptions, DEFAULT_API_KEY, defaultSettings } from './config';
import { Activity, type SandboxContext } from './context';
import { FaultRuntime, seededRandom } from './faults';
import { serve } from './pipeline';
import { SandboxStateView } from './state';
import { SerialStore } from './store';
import { TokenService } from './tokens';
import type { Sandbox, SandboxOptions } from './types';

export * from './types';
export { serialKey } from './store';
export { startRecorder, type ForeignRequest, type Recorder } from './recorder';
export { buildLedger, settingsKey } from './ledger';
export { echoMessage } from './echo';
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
		activity: new Activity(),
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
		settle() {
			return ctx.activity.idle();
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
