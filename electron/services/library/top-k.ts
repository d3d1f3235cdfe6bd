/**
 * The `k` items with the highest `key`, best first, without sorting all of them: a bounded
 * min-heap, O(n log k). When k is a large share of n a full sort is as cheap and simpler.
 */
export function topK(items: readonly number[], k: number, key: (item: number) => number): number[] {
  if (k <= 0 || items.length === 0) return [];
  if (k * 4 >= items.length) {
    const keys = new Float64Array(items.length);
    items.forEach((item, i) => (keys[i] = key(item)));
    const order = new Uint32Array(items.length).map((_, i) => i);
    order.sort((a, b) => keys[b]! - keys[a]!);
    return Array.from(order.subarray(0, k), (i) => items[i]!);
  }
  const heap: number[] = [];
  const heapKeys: number[] = [];
  for (const item of items) {
    const value = key(item);
    if (heap.length < k) {
      heap.push(item);
      heapKeys.push(value);
      siftUp(heap, heapKeys, heap.length - 1);
    } else if (value > heapKeys[0]!) {
      heap[0] = item;
      heapKeys[0] = value;
      siftDown(heap, heapKeys, 0);
    }
  }
  const order = heap.map((item, i) => [item, heapKeys[i]!] as const);
  order.sort((a, b) => b[1] - a[1]);
  return order.map(([item]) => item);
}

function swap(heap: number[], keys: number[], a: number, b: number): void {
  [heap[a], heap[b]] = [heap[b]!, heap[a]!];
  [keys[a], keys[b]] = [keys[b]!, keys[a]!];
}

function siftUp(heap: number[], keys: number[], index: number): void {
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (keys[parent]! <= keys[i]!) return;
    swap(heap, keys, parent, i);
    i = parent;
  }
}

function siftDown(heap: number[], keys: number[], index: number): void {
  let i = index;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && keys[left]! < keys[smallest]!) smallest = left;
    if (right < heap.length && keys[right]! < keys[smallest]!) smallest = right;
    if (smallest === i) return;
    swap(heap, keys, smallest, i);
    i = smallest;
  }
}

/**
 * The positions of the `k` highest `keys[0..n)`, best first; equal keys keep position order (so
 * pages of one ordering never overlap). A bounded heap of positions, O(n log k), nothing sorted
 * beyond the k kept.
 */
export function topKPositions(keys: Float64Array, n: number, k: number): Int32Array {
  const size = Math.min(k, n);
  if (size <= 0) return new Int32Array(0);
  // "a is worse than b": lower key, or the same key at a later position.
  const worse = (a: number, b: number): boolean => keys[a]! < keys[b]! || (keys[a] === keys[b] && a > b);
  const heap = new Int32Array(size);
  let length = 0;
  for (let i = 0; i < n; i += 1) {
    if (length < size) {
      // Sift up: the root is the worst kept.
      let at = length++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!worse(i, heap[parent]!)) break;
        heap[at] = heap[parent]!;
        at = parent;
      }
      heap[at] = i;
      continue;
    }
    // Most items lose to the worst kept one at once.
    if (keys[i]! < keys[heap[0]!]! || !worse(heap[0]!, i)) continue;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && worse(heap[right]!, heap[left]!) ? right : left;
      if (!worse(heap[child]!, i)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = i;
  }
  return Int32Array.from(heap.subarray(0, length)).sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
