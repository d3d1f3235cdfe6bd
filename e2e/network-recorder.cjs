'use strict';
/**
 * Records every outgoing connection and name lookup of a Node.js process, for
 * e2e/offline-session.spec.ts, which starts the server with
 * `NODE_OPTIONS=--require e2e/network-recorder.cjs` and BRIEFING_DESK_NET_RECORD=<file>.
 *
 * It wraps, before any app code runs: net.Socket#connect (net.connect, tls.connect, http, https and
 * fetch all end there), dgram sockets' connect and send, and every dns function (callback, promise
 * and Resolver forms). Each call appends one JSON line {pid, thread, kind, target} to the file, and
 * the real call goes ahead unchanged. A `loaded` line per process and thread shows the recorder ran.
 */
const fs = require('node:fs');
const dns = require('node:dns');
const dgram = require('node:dgram');
const net = require('node:net');
const { threadId } = require('node:worker_threads');

const file = process.env.BRIEFING_DESK_NET_RECORD;

function record(kind, target) {
  try {
    fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, thread: threadId, kind, target: String(target) })}\n`);
  } catch {
    // A record that cannot be written must not change what the process does.
  }
}

/** `host:port` (or the IPC path) of net.Socket#connect's arguments, in any of its call forms. */
function connectTarget(args) {
  // Node passes already-normalized arguments as an array in the first slot.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') {
    if (first.path) return `path ${first.path}`;
    return `${first.host ?? 'localhost'}:${first.port}`;
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return `path ${first}`;
  const host = typeof args[1] === 'string' ? args[1] : 'localhost';
  return `${host}:${first}`;
}

function wrap(object, name, kind, describe) {
  const original = object[name];
  if (typeof original !== 'function' || original.__recorded) return;
  const wrapped = function (...args) {
    record(kind, describe(args));
    return original.apply(this, args);
  };
  wrapped.__recorded = true;
  object[name] = wrapped;
}

if (file) {
  record('loaded', process.argv.slice(1).join(' '));

  wrap(net.Socket.prototype, 'connect', 'connect', connectTarget);
  wrap(dgram.Socket.prototype, 'connect', 'udp-connect', (args) => `${args[1] ?? 'localhost'}:${args[0]}`);
  wrap(dgram.Socket.prototype, 'send', 'udp-send', (args) => {
    // send(msg, [offset, length,] port, address, callback)
    const rest = args.slice(1).filter((arg) => typeof arg !== 'function');
    const [port, address] = rest.length >= 4 ? rest.slice(2) : rest;
    return port === undefined ? 'connected peer' : `${address ?? 'localhost'}:${port}`;
  });

  const lookupTarget = (args) => (typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]));
  const dnsFunctions = Object.keys(dns).filter((name) => /^(lookup|resolve|reverse)/.test(name));
  for (const name of dnsFunctions) wrap(dns, name, `dns.${name}`, lookupTarget);
  for (const name of Object.keys(dns.promises).filter((key) => /^(lookup|resolve|reverse)/.test(key))) wrap(dns.promises, name, `dns.promises.${name}`, lookupTarget);
  for (const Resolver of [dns.Resolver, dns.promises.Resolver]) {
    for (const name of Object.getOwnPropertyNames(Resolver.prototype).filter((key) => /^(resolve|reverse)/.test(key))) {
      wrap(Resolver.prototype, name, `Resolver.${name}`, lookupTarget);
    }
  }
}
