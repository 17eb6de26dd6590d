/** A dummy credential type and node that exercise the harness like our real node will. */
import {
	NodeConnectionTypes,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IWorkflowBase,
} from 'n8n-workflow';

export const AUTH_URL = 'https://auth.dummy.test';
export const API_URL = 'https://api.dummy.test';

export const dummyApi: ICredentialType = {
	name: 'dummyApi',
	displayName: 'Dummy API',
	properties: [
		{ displayName: 'Secret', name: 'secret', type: 'string', default: '' },
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	],
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { token } = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${AUTH_URL}/token`,
			body: { secret: credentials.secret },
			json: true,
		})) as { token: string };
		return { sessionToken: token };
	},
	authenticate: {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.sessionToken}}' } },
	},
};

/** GETs `/items/<id>` once per input item, authenticated with `dummyApi`. */
export class DummyCaller implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Dummy Caller',
		name: 'dummyCaller',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Dummy Caller' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dummyApi', required: true }],
		properties: [{ displayName: 'ID', name: 'id', type: 'string', default: '={{ $json.id }}' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		for (const [i] of this.getInputData().entries()) {
			try {
				const json = await this.helpers.httpRequestWithAuthentication.call(this, 'dummyApi', {
					method: 'GET',
					url: `${API_URL}/items/${this.getNodeParameter('id', i) as string}`,
					json: true,
				});
				out.push({ json, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

export const DUMMY_TYPE = 'n8n-nodes-movilitas.dummyCaller';

type NodeSpec = Partial<INode> & Pick<INode, 'name' | 'type'>;

/** A workflow whose nodes feed the next on output 0, unless `links` lists the edges instead. */
export function chain(
	specs: NodeSpec[],
	extra: Partial<IWorkflowBase> & { links?: Array<[string, number, string]> } = {},
) {
	const nodes: INode[] = specs.map((spec, index) => ({
		id: `node-${index}`,
		typeVersion: 1,
		position: [index * 200, 0],
		parameters: {},
		...spec,
	}));
	const edges =
		extra.links ??
		nodes
			.slice(1)
			.map((node, index): [string, number, string] => [nodes[index].name, 0, node.name]);
	const connections: IWorkflowBase['connections'] = {};
	for (const [from, output, to] of edges) {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output]!.push({ node: to, type: 'main', index: 0 });
	}
	return { nodes, connections, pinData: extra.pinData, settings: extra.settings };
}

export const callerCredentials = { dummyApi: { id: 'cred-1', name: 'Dummy account' } };
