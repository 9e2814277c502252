// Answers GET / behind an API Gateway HTTP API (payload format 2.0) with the message of this
// release and the function version that ran, so that you can watch a canary deployment move
// traffic from one version to the next. CloudFormation inlines this file; it calls no AWS service.

// Lambda sets AWS_LAMBDA_FUNCTION_VERSION to the version that runs the request: the number the
// live alias sent it to, or $LATEST when the function is invoked without a qualifier.
const { MESSAGE = '', FAIL_REQUESTS = 'false', AWS_LAMBDA_FUNCTION_VERSION = '$LATEST' } = process.env;

exports.handler = async () => {
  // The switch that makes a release fail on purpose. Throwing counts in the function's Errors
  // metric, which the rollback alarm watches; a 500 answer returned by the code would not.
  if (FAIL_REQUESTS === 'true') {
    throw new Error(`version ${AWS_LAMBDA_FUNCTION_VERSION} fails every request (FAIL_REQUESTS=true)`);
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: MESSAGE, version: AWS_LAMBDA_FUNCTION_VERSION }),
  };
};
