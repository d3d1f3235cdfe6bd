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
 *
 * Written for V8. Most of the time goes into the scan of all n keys against the worst kept one;
 * with the heap's sift in the body of that loop, V8 ran it at ~4 ns a key, 4× a plain loop over
 * the same array (micro-tests on 12,000–50,000 keys, so nothing to do with the key values): the
 * scan is now an inner loop of its own ({@link firstAbove}), left only when a key wins. The heap
 * also keeps its keys beside the positions (no `keys[heap[i]]` indirection), and comparisons are
 * inline rather than through a closure (which the TS loader also wraps in a `__name` call).
 */
export function topKPositions(keys: Float64Array, n: number, k: number): Int32Array {
  const size = Math.min(k, n);
  if (size <= 0) return new Int32Array(0);
  const heap = new Int32Array(size);
  const heapKeys = new Float64Array(size);
  // The first `size` positions, heapified (the root is the worst kept: lowest key, latest position).
  for (let i = 0; i < size; i += 1) {
    heap[i] = i;
    heapKeys[i] = keys[i]!;
  }
  for (let at = (size >> 1) - 1; at >= 0; at -= 1) siftDownPosition(heap, heapKeys, size, at, heap[at]!, heapKeys[at]!);
  if (size < n) scanRest(keys, n, heap, heapKeys, size);
  // Best first, by popping the worst kept to the back: a typed-array sort with a comparator calls
  // back into JS for every comparison.
  const order = new Int32Array(size);
  for (let length = size - 1; length >= 0; length -= 1) {
    order[length] = heap[0]!;
    if (length > 0) siftDownPosition(heap, heapKeys, length, 0, heap[length]!, heapKeys[length]!);
  }
  return order;
}

/**
 * Offers positions `size..n` to the full heap. Positions only grow, so an item whose key does not
 * beat the worst kept one's loses (a tie goes to the earlier position): one comparison with a
 * local for most items.
 */
function scanRest(keys: Float64Array, n: number, heap: Int32Array, heapKeys: Float64Array, size: number): void {
  let floor = heapKeys[0]!;
  for (let i = firstAbove(keys, size, n, floor); i < n; i = firstAbove(keys, i + 1, n, floor)) {
    siftDownPosition(heap, heapKeys, size, 0, i, keys[i]!);
    floor = heapKeys[0]!;
  }
}

/**
 * The first position in `from..n` whose key beats `floor` (n if none). A loop of its own: with the
 * heap's sift in the same loop body V8 kept the scan at ~4 ns an item instead of ~1.
 */
function firstAbove(keys: Float64Array, from: number, n: number, floor: number): number {
  let i = from;
  while (i < n && keys[i]! <= floor) i += 1;
  return i;
}

/**
 * Puts (`position`, `key`) at `start` of a heap of `length` entries and sifts it down; the root is the
 * worst kept: the lowest key, and of equal keys the latest position.
 */
function siftDownPosition(heap: Int32Array, heapKeys: Float64Array, length: number, start: number, position: number, key: number): void {
  let at = start;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= length) break;
    let childKey = heapKeys[child]!;
    const right = child + 1;
    if (right < length) {
      const rightKey = heapKeys[right]!;
      // The worse of the two children.
      if (rightKey < childKey || (rightKey === childKey && heap[right]! > heap[child]!)) {
        child = right;
        childKey = rightKey;
      }
    }
    // Stop once the child is no worse than the item.
    if (childKey > key || (childKey === key && heap[child]! < position)) break;
    heap[at] = heap[child]!;
    heapKeys[at] = childKey;
    at = child;
  }
  heap[at] = position;
  heapKeys[at] = key;
}
