// CloudFront Function (cloudfront-js-2.0), run on every viewer request before the cache.
// The S3 REST endpoint has no index documents, and the distribution's default root object
// covers only "/", so a folder-style URL such as /docs/ would reach S3 as the key "docs/" and fail.
// This adds index.html the way a web server would: /docs/ and /docs both become /docs/index.html.
// The CloudFormation variant inlines this file; keep the two identical.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri += 'index.html';
  } else if (!uri.slice(uri.lastIndexOf('/') + 1).includes('.')) {
    // No file extension in the last segment: a folder without its trailing slash.
    request.uri += '/index.html';
  }
  return request;
}
