import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';

/** What a Chromium NetLog says the browser tried to reach. */
export interface NetLogContacts {
  /** Every host name or IP address named by a request, a DNS lookup, a socket or a proxy, sorted, without duplicates. */
  readonly hosts: readonly string[];
  /** The events that named each host (`HOST_RESOLVER_MANAGER_REQUEST accounts.google.com`), for a failure message. */
  readonly evidence: readonly string[];
  /** How many events the log held (a log with none was not written by a browser that ran). */
  readonly events: number;
}

/** Parameters that name a remote endpoint, as Chromium 120–156 write them. */
const URL_KEYS = ['url', 'original_url', 'new_url', 'destination', 'logical_destination', 'host', 'hostname', 'qname', 'group_id', 'proxy_server', 'proxy_chain', 'proxy_info'];

/**
 * Reads a NetLog (`--log-net-log=FILE`) line by line, so a log cut short by a killed browser is still
 * read up to its last whole event, and lists every host the browser named: request URLs, DNS lookups
 * (the resolver job and the DNS transaction), socket connects and bytes sent or received (peer
 * addresses, never the local address), proxies. A host here is one the browser tried, whether or
 * not it got an answer.
 */
export async function readNetLog(file: string): Promise<NetLogContacts> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  let names: Names = { events: new Map(), sources: new Map() };
  const hosts = new Set<string>();
  const evidence = new Set<string>();
  const add = (type: string, host: string): void => {
    hosts.add(host);
    evidence.add(`${type} ${host}`);
  };
  /** UDP sockets by source id: the peer they connected to, and whether they sent anything there. */
  const udp = new Map<number, { peers: string[]; sent: boolean }>();
  let events = 0;
  for (const line of lines) {
    const trimmed = line.trim().replace(/,$/, '');
    if (trimmed.startsWith('{"constants":')) {
      names = constantNames(trimmed);
      continue;
    }
    if (!trimmed.startsWith('{') || !trimmed.includes('"type"')) continue;
    const event = parseObject(trimmed);
    if (!event || !('source' in event)) continue;
    events += 1;
    const params = event.params;
    const type = names.events.get(Number(event.type)) ?? `event ${String(event.type)}`;
    const source = isRecord(event.source) ? event.source : {};
    const sourceType = names.sources.get(Number(source.type)) ?? '';
    if (sourceType.startsWith('UDP_')) {
      // Connecting a UDP socket sends nothing: Chromium does it to Google's public DNS address only to
      // learn whether IPv6 is routable. Its peer counts once the socket sends a datagram.
      const socket = udp.get(Number(source.id)) ?? { peers: [], sent: false };
      udp.set(Number(source.id), socket);
      if (type === 'UDP_BYTES_SENT') socket.sent = true;
      if (isRecord(params) && /CONNECT$/.test(type) && typeof params.address === 'string') socket.peers.push(hostOfAddress(params.address));
      if (isRecord(params) && /BYTES_(SENT|RECEIVED)$/.test(type) && typeof params.address === 'string') add(type, hostOfAddress(params.address));
      continue;
    }
    if (!isRecord(params)) continue;
    // A page's request is logged by the CORS layer before Playwright's route can refuse it; only
    // what passes on to a URLRequest, a DNS lookup or a socket reaches the network.
    if (/^(CHECK_)?CORS_/.test(type)) continue;
    for (const host of hostsOf(type, params)) add(type, host);
  }
  for (const socket of udp.values()) if (socket.sent) for (const peer of socket.peers) add('UDP_BYTES_SENT', peer);
  return { hosts: [...hosts].sort(), evidence: [...evidence].sort(), events };
}

/** The hosts of `contacts` that are not loopback (what "offline" forbids). */
export function outsideLoopback(contacts: NetLogContacts): string[] {
  return contacts.hosts.filter((host) => !isLoopbackHost(host));
}

/**
 * True for `localhost` (and `*.localhost`), 127.0.0.0/8, ::1 and an IPv4-mapped loopback address;
 * a host-resolver rule's own target (`~NOTFOUND`) is no host at all and counts as local too.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (bare === '~notfound') return true;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare) || /^(0:){7}1$/.test(bare);
  return false;
}

function hostsOf(type: string, params: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const key of URL_KEYS) {
    const value = params[key];
    if (typeof value !== 'string') continue;
    const host = hostOfValue(key, value);
    if (host) found.push(host);
  }
  // A socket's own address (UDP_LOCAL_ADDRESS, TCP_ACCEPT's local side) is this machine, not a contact.
  if (!/LOCAL_ADDRESS/.test(type)) {
    const address = params.address;
    if (typeof address === 'string') found.push(hostOfAddress(address));
    const list = params.address_list;
    if (Array.isArray(list)) for (const entry of list) if (typeof entry === 'string') found.push(hostOfAddress(entry));
  }
  return found.filter((host) => host.length > 0);
}

/** The host in a URL, a `scheme://host:port` destination, a socket-pool group (`pm/https://host <…>`), a proxy chain or a bare name. */
function hostOfValue(key: string, value: string): string | null {
  if (key === 'proxy_chain' || key === 'proxy_info' || key === 'proxy_server') {
    // "[direct://]" and "DIRECT" are no proxy; anything else names one ("PROXY 10.0.0.1:3128", "[http://proxy:3128]", "[127.0.0.1:3128]").
    const first = value.trim().replace(/^\[|\]$/g, '').split(/[,;\]]/)[0]!.trim();
    if (/^direct(:\/\/)?$/i.test(first)) return null;
    const server = first.replace(/^(PROXY|HTTPS|SOCKS5?)\s+/i, '').replace(/^[a-z0-9]+:\/\//i, '');
    return hostOfAddress(server.replace(/\/.*$/, ''));
  }
  const inUrl = /[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:?#\s<>]+)/i.exec(value);
  if (inUrl) return inUrl[1]!.toLowerCase();
  if (key === 'url' || key === 'original_url' || key === 'new_url' || key === 'group_id') return null; // data:, blob:, about:… name no host
  const bare = value.trim().toLowerCase();
  return isIP(bare) === 6 ? bare : bare.replace(/:\d+$/, '');
}

/** `1.2.3.4:53` → `1.2.3.4`; `[2001:db8::1]:443` → `2001:db8::1`. */
function hostOfAddress(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return address.replace(/:\d+$/, '').toLowerCase();
}

interface Names {
  events: Map<number, string>;
  sources: Map<number, string>;
}

/** The names of event and source types from the log's first line (`{"constants":{…},`). */
function constantNames(constantsLine: string): Names {
  const parsed = parseObject(`${constantsLine}}`) ?? parseObject(constantsLine);
  const constants = parsed && isRecord(parsed.constants) ? parsed.constants : {};
  const byId = (table: unknown): Map<number, string> => new Map(Object.entries(isRecord(table) ? table : {}).map(([name, id]) => [Number(id), name]));
  return { events: byId(constants.logEventTypes), sources: byId(constants.logSourceType) };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
