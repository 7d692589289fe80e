// `npm run tap -- <uid>`: taps a card on the demo kiosk's simulated reader.
const uid = process.argv[2];
const edge = process.env.ROOMPOST_EDGE_URL ?? 'http://127.0.0.1:8081';
if (!uid) {
  console.error('usage: npm run tap -- <card uid>   e.g. npm run tap -- 04A1B2C3');
  process.exit(2);
}
// The contract's card UID (sync lookupCredential): 8–20 hex digits. Anything else is refused here,
// not reported as a tap that then silently finds nobody.
if (!/^[0-9A-Fa-f]{8,20}$/.test(uid)) {
  console.error(`"${uid}" is not a card UID: 8 to 20 hex digits, e.g. npm run tap -- 04A1B2C3`);
  process.exit(2);
}
try {
  const res = await fetch(`${edge}/api/dev/tap`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ uid }),
  });
  const body = await res.text();
  if (!res.ok) {
    console.error(`tap refused (${res.status}): ${body}`);
    process.exit(1);
  }
  console.log(`tapped ${uid.toUpperCase()} on ${edge} (the kiosk shows whose card it is)`);
} catch (err) {
  console.error(`cannot reach the edge at ${edge} (is \`npm start\` running?): ${(err as Error).message}`);
  process.exit(1);
}
