import { BlockList, isIP } from 'node:net';

/** Why an address is not a public unicast one, in words fit for an error message. */
export type AddressClass =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'CGNAT'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'IPv4-mapped IPv6'
  | 'IPv6-embedded IPv4';

const RANGES: ReadonlyArray<readonly [AddressClass, 'ipv4' | 'ipv6', string, number]> = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['CGNAT', 'ipv4', '100.64.0.0', 10],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['reserved', 'ipv4', '192.0.2.0', 24],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['reserved', 'ipv4', '198.18.0.0', 15],
  ['reserved', 'ipv4', '198.51.100.0', 24],
  ['reserved', 'ipv4', '203.0.113.0', 24],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv6', '::1', 128],
  ['IPv4-mapped IPv6', 'ipv6', '::ffff:0:0', 96],
  // IPv4-compatible (deprecated), NAT64 and 6to4 can all carry a private IPv4 address inside.
  ['IPv6-embedded IPv4', 'ipv6', '::', 96],
  ['IPv6-embedded IPv4', 'ipv6', '64:ff9b::', 96],
  ['IPv6-embedded IPv4', 'ipv6', '64:ff9b:1::', 48],
  ['IPv6-embedded IPv4', 'ipv6', '2002::', 16],
  ['reserved', 'ipv6', '100::', 64],
  ['reserved', 'ipv6', '2001:db8::', 32],
  ['unique-local', 'ipv6', 'fc00::', 7],
  ['link-local', 'ipv6', 'fe80::', 10],
  ['link-local', 'ipv6', 'fec0::', 10],
  ['multicast', 'ipv6', 'ff00::', 8],
];

const lists = RANGES.map(([label, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { label, family, list };
});

/**
 * Classifies an IP literal. Returns `undefined` for a public unicast address, the class name
 * otherwise; anything that is not an IP literal is reported as `reserved` so it is refused.
 */
export function classifyAddress(address: string): AddressClass | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const version = isIP(bare);
  if (version === 0) return 'reserved';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  // Checked in table order so the most specific words win (::1 is loopback, not "embedded").
  for (const entry of lists) {
    if (entry.family === family && entry.list.check(bare, family)) return entry.label;
  }
  return undefined;
}

/** `refused: 10.0.0.1 is a private address` style sentence, or undefined when allowed. */
export function describeRefusal(address: string): string | undefined {
  const label = classifyAddress(address);
  if (label === undefined) return undefined;
  const article = /^(?:[aeioI]|unsp)/.test(label) ? 'an' : 'a';
  return `refused: ${address} is ${article} ${label} address`;
}
