/**
 * The two sides of a call or flow as the analysis sees them, read leniently from a Hub's
 * endpoint objects (hub-api.md §4.1, §4.8), and the names they are grouped under: pod, workload
 * (the pod name without its ReplicaSet/DaemonSet suffix), service, namespace, node, or the IP.
 */
import { asObject, type JsonObject, num, prop, str } from '../client/json';

export interface Peer {
  readonly ip: string;
  readonly port?: number;
  readonly pod?: string;
  readonly namespace?: string;
  readonly service?: string;
  readonly node?: string;
}

/** How rows and map nodes are grouped. */
export type GroupLevel = 'pod' | 'workload' | 'service' | 'namespace' | 'node';

export function peerOf(value: unknown): Peer {
  const e = asObject(value);
  const text = (key: string): string | undefined => str(e, key) || undefined;
  const port = num(e, 'port');
  return {
    ip: str(e, 'ip') ?? '', port: port !== undefined && Number.isInteger(port) ? port : undefined,
    pod: text('pod'), namespace: text('ns') ?? text('namespace'), service: text('svc') ?? text('service'), node: text('node'),
  };
}

/** A side of an object by key (`src`, `client`, …). */
export function peerAt(object: JsonObject, key: string): Peer {
  return peerOf(prop(object, key));
}

/** Deployment pods end in `-<template hash>-<5 chars>`, DaemonSet and Job pods in `-<5 chars>`. */
const DEPLOYMENT_POD = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/;
const SUFFIXED_POD = /^(.+)-[a-z0-9]{5}$/;

/** The workload a pod belongs to, by Kubernetes' naming of generated pods (StatefulSet pods keep their ordinal). */
export function workloadOf(pod: string): string {
  return DEPLOYMENT_POD.exec(pod)?.[1] ?? SUFFIXED_POD.exec(pod)?.[1] ?? pod;
}

const qualified = (namespace: string | undefined, name: string): string => (namespace ? `${namespace}/${name}` : name);

/** `ns/pod`, else `ns/svc`, else the IP (the identity label of §5.17). */
export function peerLabel(peer: Peer): string {
  const name = peer.pod ?? peer.service;
  return name ? qualified(peer.namespace, name) : peer.ip;
}

/** Whether the Hub knew who this side is (a pod or service), rather than only its address. */
export function isIdentified(peer: Peer): boolean {
  return peer.pod !== undefined || peer.service !== undefined;
}

/** The name a side is grouped under at `level`; sides without that identity fall back to their IP. */
export function groupLabel(peer: Peer, level: GroupLevel): string {
  switch (level) {
    case 'pod': return peerLabel(peer);
    case 'workload': return peer.pod ? qualified(peer.namespace, workloadOf(peer.pod)) : peerLabel(peer);
    case 'service': return peer.service ? qualified(peer.namespace, peer.service) : groupLabel(peer, 'workload');
    case 'namespace': return peer.namespace ?? peer.ip;
    case 'node': return peer.node ?? peer.ip;
  }
}
