// IPv4/IPv6 addresses and CIDR ranges for IpAddress / NotIpAddress, without a RegExp per value.
import { isIP } from "node:net";

export interface Cidr {
  v: 4 | 6;
  bytes: number[];
  bits: number;
}

const v4Bytes = (s: string): number[] => s.split(".").map(Number);

const v6Bytes = (s: string): number[] | undefined => {
  let text = s;
  let tail: number[] = [];
  // a trailing dotted quad (::ffff:192.0.2.1) is the last 32 bits
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    tail = v4Bytes(text.slice(lastColon + 1));
    text = text.slice(0, lastColon + 1) + "0:0";
  }
  const [head = "", rest] = text.split("::");
  const words = (part: string): number[] => (part === "" ? [] : part.split(":").map((w) => parseInt(w, 16)));
  const h = words(head);
  const r = rest === undefined ? [] : words(rest);
  const fill = 8 - h.length - r.length;
  if (fill < 0 || (rest === undefined && fill !== 0)) return undefined;
  const all = [...h, ...new Array<number>(fill).fill(0), ...r];
  const bytes = all.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
};

/** An address as bytes, or undefined when the text is not an IP address. */
export const parseIp = (s: string): { v: 4 | 6; bytes: number[] } | undefined => {
  const v = isIP(s);
  if (v === 4) return { v: 4, bytes: v4Bytes(s) };
  if (v === 6) {
    const bytes = v6Bytes(s);
    return bytes ? { v: 6, bytes } : undefined;
  }
  return undefined;
};

/** A CIDR range; an address without a prefix is /32 (IPv4) or /128 (IPv6), as IAM documents. */
export const parseCidr = (s: string): Cidr | undefined => {
  const [addr = "", prefix] = s.trim().split("/");
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const max = ip.v === 4 ? 32 : 128;
  const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(bits >= 0 && bits <= max)) return undefined;
  return { v: ip.v, bytes: ip.bytes, bits };
};

export const inCidr = (cidr: Cidr, ip: { v: 4 | 6; bytes: number[] }): boolean => {
  if (cidr.v !== ip.v) return false;
  let left = cidr.bits;
  for (let i = 0; left > 0; i++, left -= 8) {
    const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
    if (((cidr.bytes[i] ?? 0) & mask) !== ((ip.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
};
