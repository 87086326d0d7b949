// One stdout line per request: time, method, path, status, duration. Never a body, a header
// (so never a key or token) or a query value: query strings are reduced to their parameter
// names, because a value there could be a secret.

export function redactPath(rawUrl: string): string {
  const q = rawUrl.indexOf("?");
  const path = (q === -1 ? rawUrl : rawUrl.slice(0, q)).slice(0, 200);
  if (q === -1) return path;
  const names = [...new URLSearchParams(rawUrl.slice(q + 1)).keys()].map(
    (k) => `${encodeURIComponent(k).slice(0, 40)}=…`,
  );
  return names.length > 0 ? `${path}?${names.slice(0, 10).join("&")}` : path;
}

export function logRequest(method: string, rawUrl: string, status: number, ms: number): void {
  process.stdout.write(
    `${new Date().toISOString()} ${method.slice(0, 10)} ${redactPath(rawUrl)} ${status} ${ms.toFixed(1)}ms\n`,
  );
}
