// Payment step of the order saga, invoked by the state machine (statemachine/order.asl.json).
// It stands in for a payment provider: it charges or refunds nothing and calls no AWS service.
// CloudFormation inlines this file, so it stays small and needs no packages.

// The payment id is derived from the order id, as a provider's idempotency key would make it: a
// charge or refund that Step Functions retries after a Lambda service error acts only once.
const paymentIdOf = (orderId) => `pay-${orderId}`;

// A named error: Step Functions reports the name, so the state machine catches it by name.
function paymentError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

function validate(event) {
  if (typeof event?.orderId !== 'string' || event.orderId.length === 0) {
    throw paymentError('InvalidPaymentRequest', 'orderId must be a non-empty string');
  }
  if (typeof event.amount !== 'number' || !(event.amount > 0)) {
    throw paymentError('InvalidPaymentRequest', 'amount must be a number above 0');
  }
}

exports.handler = async (event) => {
  validate(event);
  const { action, orderId, amount } = event;
  const paymentId = paymentIdOf(orderId);

  switch (action) {
    case 'charge':
      // The order's input asks for a failure, so the compensation path can be tried.
      if (event.failPayment === true) {
        throw paymentError('PaymentDeclined', `the payment of ${amount} for order ${orderId} was declined`);
      }
      console.log(JSON.stringify({ action, orderId, paymentId, amount }));
      return { paymentId, orderId, amount, status: 'CHARGED' };
    case 'refund':
      if (event.paymentId !== paymentId) {
        throw paymentError('InvalidPaymentRequest', `payment ${event.paymentId} does not belong to order ${orderId}`);
      }
      console.log(JSON.stringify({ action, orderId, paymentId, amount }));
      return { paymentId, orderId, amount, status: 'REFUNDED' };
    default:
      throw paymentError('InvalidPaymentRequest', `unknown action ${action}; use charge or refund`);
  }
};
