// CloudFront Function (cloudfront-js-2.0), run on viewer requests of the default (S3) behavior only.
// /api/* requests match another behavior, which has no function, so they reach the API untouched.
// The front end is a single-page app: its router handles paths such as /dashboard in the browser,
// but S3 has no object under that key and would answer 403. A path whose last segment has no file
// extension is such a route, so it gets the app's /index.html; files such as /assets/app.js pass
// unchanged, and a missing file still gets S3's error.
// The CloudFormation variant inlines this file; keep the two identical.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (!uri.slice(uri.lastIndexOf('/') + 1).includes('.')) {
    request.uri = '/index.html';
  }
  return request;
}
