import type { SandboxContext } from './context';
import { secretsOfRequest } from './echo';
import { errorOutcome } from './errors';
import { pickRefused, refusedStatus, shapePartial, type SerialAnswer } from './partial';
import type { IncomingInfo, Outcome, SandboxProduct, SerialRecord } from './types';
import {
	isJsonContentType,
	jsonObject,
	validateDecommission,
	type DecommissionRequest,
} from './validate';

type SerialKind = 'commissioned' | 'decommissioned' | 'unknown';

const TOKEN_MESSAGES = {
	malformed: 'Failed to authenticate token: jwt malformed',
	signature: 'Failed to authenticate token: invalid signature',
	expired: 'Failed to authenticate token: jwt expired',
	revoked: 'Failed to authenticate token: token revoked',
	'used up': 'Failed to authenticate token: jwt expired',
};

/**
 * POST /v1/manufacturer/v2/api/serials/decommission. Checks run token, channel, body, product,
 * serials; the first failure answers and nothing is stored. Per-serial problems in 'error' mode
 * fail the whole request (SerialNotFoundError / SerialStateError) without partial changes.
 */
export function handleDecommission(ctx: SandboxContext, req: IncomingInfo): Outcome {
	const { settings } = ctx;
	const denied = checkAccess(ctx, req);
	if (denied) return denied;
	if (settings.requireJsonContentType && !isJsonContentType(req.headers['content-type'])) {
		return errorOutcome(settings, 'ValidationError', 'Content-Type must be application/json');
	}
	const parsed = jsonObject(req.json);
	if (!parsed.ok) return errorOutcome(settings, 'ValidationError', parsed.message);
	const checked = validateDecommission(parsed.value, settings);
	if (!checked.ok) return errorOutcome(settings, 'ValidationError', checked.message);
	const request = checked.value;

	const product = settings.products.find((p) => p.productCode === request.product_code);
	if (!product) {
		return errorOutcome(settings, 'ProductError', `Product ${request.product_code} not found`);
	}
	const market = request.market_id;
	if (
		settings.marketMismatch === 'error' &&
		market !== undefined &&
		product.marketId !== undefined &&
		product.marketId !== market
	) {
		return errorOutcome(
			settings,
			'ProductError',
			`Product ${request.product_code} is not registered for market ${market}`,
		);
	}
	return apply(ctx, product, request, req);
}

function checkAccess(ctx: SandboxContext, req: IncomingInfo): Outcome | undefined {
	const { settings } = ctx;
	const token = req.headers['x-access-token'];
	if (!token) return errorOutcome(settings, 'NoTokenError', 'No token provided');
	const check = ctx.tokens.check(token, settings);
	// A token used up by earlier requests still carries a resend of a processed body: refusing
	// it would start a token refresh that could fail and leave done serials reported as not done.
	const spared =
		!check.ok &&
		check.reason === 'used up' &&
		settings.honestAfterProcessing &&
		ctx.faults.wasApplied(req.bodyKey);
	if (!check.ok && !spared) {
		const outcome = errorOutcome(settings, 'InvalidTokenError', TOKEN_MESSAGES[check.reason]);
		return settings.tokenErrorInOkBody ? { ...outcome, status: 200 } : outcome;
	}
	if (spared || (check.ok && check.kind === 'dynamic')) ctx.tokens.recordUse(token);
	const channel = req.headers['x-channel-key'];
	if (!channel) return errorOutcome(settings, 'ChannelError', 'No channel key provided');
	if (!settings.channelKeys.includes(channel)) {
		return errorOutcome(settings, 'ChannelError', 'Invalid channel key');
	}
	return undefined;
}

function apply(
	ctx: SandboxContext,
	product: SandboxProduct,
	request: DecommissionRequest,
	req: IncomingInfo,
): Outcome {
	const { settings } = ctx;
	const records = ctx.store.serials.of(request.product_code);
	// A repeated serial behaves like one already decommissioned by its first occurrence (or, when
	// a partial failure refuses the first, is refused alike). One pass, one kind per position:
	// the bench sends 100 requests of 1,000 serials, and this thread serves every one of them.
	const { serials } = request;
	const firstSeen = new Map<string, SerialKind>();
	const kinds = new Array<SerialKind>(serials.length);
	for (let position = 0; position < serials.length; position++) {
		const serial = serials[position];
		const first = firstSeen.get(serial);
		let kind: SerialKind;
		if (first !== undefined) kind = first === 'unknown' ? 'unknown' : 'decommissioned';
		else {
			const record = records.get(serial);
			if (record?.status === 'Decommissioned') kind = 'decommissioned';
			else if (record || settings.anySerialCommissioned) kind = 'commissioned';
			else kind = 'unknown';
			firstSeen.set(serial, kind);
		}
		kinds[position] = kind;
	}
	const ofKind = (wanted: SerialKind) =>
		serials.filter((_, position) => kinds[position] === wanted);

	const unknown = settings.unknownSerial === 'error' ? ofKind('unknown') : [];
	if (unknown.length > 0) {
		return errorOutcome(
			settings,
			'SerialNotFoundError',
			`Serials not found: ${unknown.join(', ')}`,
		);
	}
	const done = settings.alreadyDecommissioned === 'error' ? ofKind('decommissioned') : [];
	if (done.length > 0) {
		return errorOutcome(
			settings,
			'SerialStateError',
			`Serials already decommissioned: ${done.join(', ')}`,
		);
	}

	const omitted = pickOmitted(ctx, serials);
	// Only a partial failure refuses serials: without one there is nothing to pick from.
	const fresh = settings.partialFailure
		? [...firstSeen].filter(([, kind]) => kind === 'commissioned').map(([s]) => s)
		: [];
	const refused = pickRefused(ctx, fresh);
	const secrets = settings.echoSecrets ? secretsOfRequest(ctx, req) : [];
	// One record for all serials of the request: records are replaced, never changed.
	const record: SerialRecord = {
		status: 'Decommissioned',
		reason: request.reason,
		marketId: request.market_id ?? product.marketId,
		sendToMarket: request.send_to_market,
		decommissionedAt: new Date().toISOString(),
	};
	const applied: string[] = [];
	const data: SerialAnswer[] = [];
	// 'commissioned' is only ever the first occurrence of a serial in the request.
	for (let position = 0; position < serials.length; position++) {
		const serial = serials[position];
		const kind = kinds[position];
		const omit = omitted.size > 0 && omitted.has(serial);
		// A repeat of a refused serial is refused alike: it was not decommissioned by its first.
		const refuse = refused.size > 0 && refused.has(serial);
		if (kind === 'commissioned' && !refuse && !(omit && !settings.omitProcessed)) {
			records.set(serial, record);
			applied.push(serial);
		}
		if (omit) continue;
		let status: string;
		if (refuse) status = refusedStatus(settings.partialFailure ?? {}, secrets);
		else if (kind === 'commissioned') status = 'Decommissioned';
		else if (kind === 'decommissioned') status = settings.alreadyDecommissionedStatus;
		else status = settings.unknownSerialStatus;
		data.push({ serial_number: serial, status });
	}
	ctx.faults.markApplied(req.bodyKey);
	if (refused.size > 0) {
		return {
			status: settings.partialFailure?.httpStatus ?? 200,
			body: {
				success: false,
				message: 'Some serials could not be decommissioned',
				data: shapePartial(ctx, order(ctx, data), refused, applied),
			},
		};
	}
	return {
		status: 200,
		body: { success: true, message: 'Serials decommissioned', data: order(ctx, data) },
	};
}

function pickOmitted(ctx: SandboxContext, serials: string[]): Set<string> {
	const omitted = new Set(serials.filter((s) => ctx.settings.omitSerials.includes(s)));
	const share = ctx.settings.omitShare;
	if (share > 0) {
		const unique = shuffle([...new Set(serials)], ctx.shapeRandom);
		const count = Math.min(unique.length, Math.max(1, Math.floor(unique.length * share)));
		for (const serial of unique.slice(0, count)) omitted.add(serial);
	}
	return omitted;
}

/** The vendor does not promise request order, so by default the sandbox never keeps it. */
function order<T>(ctx: SandboxContext, data: T[]): T[] {
	switch (ctx.settings.responseOrder) {
		case 'request':
			return data;
		case 'reverse':
			return [...data].reverse();
		case 'shuffle': {
			const mixed = shuffle(data, ctx.shapeRandom);
			const same = mixed.every((item, i) => item === data[i]);
			return same && data.length > 1 ? [...mixed.slice(1), mixed[0]] : mixed;
		}
	}
}

function shuffle<T>(items: T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}
