/**
 * Runs the order saga's payment function (content/patterns/order-saga-workflow/src/index.js), the
 * stand-in for a payment provider that the state machine invokes to charge and to refund. It needs
 * no module, so it is loaded with a `require` that refuses every one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { parseTemplate } from './lib/cloudformation';
import { sdkActions } from './lib/model/rules';
import { patternsRoot } from './lib/patterns';

const dir = join(patternsRoot, 'order-saga-workflow');
const source = join(dir, 'src', 'index.js');

interface PaymentEvent {
	action?: string;
	orderId?: unknown;
	amount?: unknown;
	paymentId?: string;
	failPayment?: boolean;
}

let logged: string[];

function loadHandler(): (event: PaymentEvent) => Promise<Record<string, unknown>> {
	const module = { exports: {} as { handler?: (event: PaymentEvent) => Promise<Record<string, unknown>> } };
	const console = { log: (line: string) => logged.push(line), error: vi.fn() };
	const fakeRequire = (id: string) => {
		throw new Error(`index.js requires "${id}"; the payment function should need no module`);
	};
	// CommonJS wrapper, as Node.js runs the file in Lambda.
	new Function('exports', 'require', 'module', 'console', readFileSync(source, 'utf8'))(module.exports, fakeRequire, module, console);
	if (typeof module.exports.handler !== 'function') throw new Error('index.js does not export handler');
	return module.exports.handler;
}

let handler: (event: PaymentEvent) => Promise<Record<string, unknown>>;

beforeEach(() => {
	logged = [];
	handler = loadHandler();
});

/** The error the handler throws, with the name Step Functions reports and catches it by. */
async function failure(event: PaymentEvent): Promise<{ name: string; message: string }> {
	const error = await handler(event).then(
		() => undefined,
		(e: unknown) => e as Error
	);
	if (!error) throw new Error(`the handler accepted ${JSON.stringify(event)}`);
	return { name: error.name, message: error.message };
}

describe('order-saga-workflow payment function', () => {
	test('charges an order and answers with a payment id derived from the order id', async () => {
		const result = await handler({ action: 'charge', orderId: 'order-1', amount: 25 });
		expect(result).toEqual({ paymentId: 'pay-order-1', orderId: 'order-1', amount: 25, status: 'CHARGED' });
		expect(JSON.parse(logged[0]!)).toEqual({ action: 'charge', orderId: 'order-1', paymentId: 'pay-order-1', amount: 25 });
	});

	test('gives a retried charge the same payment id, as an idempotency key would', async () => {
		const first = await handler({ action: 'charge', orderId: 'order-1', amount: 25 });
		const again = await handler({ action: 'charge', orderId: 'order-1', amount: 25 });
		expect(again['paymentId']).toBe(first['paymentId']);
	});

	test('declines the charge with a PaymentDeclined error when the order asks for it', async () => {
		expect(await failure({ action: 'charge', orderId: 'order-2', amount: 25, failPayment: true })).toEqual({
			name: 'PaymentDeclined',
			message: 'the payment of 25 for order order-2 was declined',
		});
		expect(logged).toEqual([]);
	});

	test('refunds the payment of the order', async () => {
		const result = await handler({ action: 'refund', orderId: 'order-3', amount: 25, paymentId: 'pay-order-3' });
		expect(result).toEqual({ paymentId: 'pay-order-3', orderId: 'order-3', amount: 25, status: 'REFUNDED' });
	});

	test("refuses to refund another order's payment", async () => {
		expect(await failure({ action: 'refund', orderId: 'order-3', amount: 25, paymentId: 'pay-order-4' })).toEqual({
			name: 'InvalidPaymentRequest',
			message: 'payment pay-order-4 does not belong to order order-3',
		});
	});

	test.each([
		[{ action: 'charge', orderId: '', amount: 25 }, 'orderId must be a non-empty string'],
		[{ action: 'charge', orderId: 7, amount: 25 }, 'orderId must be a non-empty string'],
		[{ action: 'charge', orderId: 'order-5', amount: 0 }, 'amount must be a number above 0'],
		[{ action: 'charge', orderId: 'order-5', amount: '25' }, 'amount must be a number above 0'],
		[{ action: 'capture', orderId: 'order-5', amount: 25 }, 'unknown action capture; use charge or refund'],
	] satisfies Array<[PaymentEvent, string]>)('rejects %j with InvalidPaymentRequest', async (event, message) => {
		expect(await failure(event)).toEqual({ name: 'InvalidPaymentRequest', message });
	});

	test('calls no AWS service, and its role may do nothing but write its logs, in CloudFormation and Terraform', () => {
		expect(sdkActions(join(dir, 'src'))).toBeUndefined();

		const template = parseTemplate(readFileSync(join(dir, 'cloudformation', 'template.yaml'), 'utf8'));
		const statements = (template.Resources?.['PaymentFunctionRoleDefaultPolicy']?.Properties?.['PolicyDocument'] as {
			Statement: { Action: string | string[] }[];
		}).Statement;
		expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);

		const terraform = readFileSync(join(dir, 'terraform', 'main.tf'), 'utf8');
		const policy = /resource "aws_iam_role_policy" "payment_function_role_default_policy" \{([\s\S]*?)\n\}/.exec(terraform)?.[1] ?? '';
		expect([...policy.matchAll(/"([a-z0-9-]+:[A-Za-z]+)"/g)].map((m) => m[1]).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
	});
});
