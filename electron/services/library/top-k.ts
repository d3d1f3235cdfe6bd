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
  for (let i = 0; i < size; i += 1) {
    // Sift up: the root is the worst kept.
    let at = i;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(i, heap[parent]!)) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = i;
  }
  // Positions only grow from here, so an item whose key does not beat the worst kept one's loses
  // (a tie goes to the earlier position): one comparison with a cached key for most items.
  let floor = keys[heap[0]!]!;
  for (let i = size; i < n; i += 1) {
    const key = keys[i]!;
    if (key <= floor) continue;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && worse(heap[right]!, heap[left]!) ? right : left;
      if (!worse(heap[child]!, i)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = i;
    floor = keys[heap[0]!]!;
  }
  // Best first, by popping the worst kept to the back: a typed-array sort with a comparator calls
  // back into JS for every comparison and cost more than the whole scan.
  const order = new Int32Array(size);
  for (let length = size - 1; length >= 0; length -= 1) {
    order[length] = heap[0]!;
    const last = heap[length]!;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && worse(heap[right]!, heap[left]!) ? right : left;
      if (!worse(heap[child]!, last)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = last;
  }
  return order;
}
