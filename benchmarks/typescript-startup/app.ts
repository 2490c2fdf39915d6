// A small, deterministic TypeScript program of the kind people run directly:
// enums, interfaces, generics, classes with parameter properties, an abstract
// class, type guards. No Bun or Node APIs, so all three runtimes run this same
// file; startup (reading + transpiling it) dominates the work it does.

enum Category {
  Book,
  Game,
  Tool,
  Food,
}

enum Status {
  Pending = "pending",
  Shipped = "shipped",
  Cancelled = "cancelled",
}

interface Identified {
  readonly id: number;
}

interface Product extends Identified {
  name: string;
  category: Category;
  priceCents: number;
}

interface OrderLine {
  productId: number;
  quantity: number;
}

interface Order extends Identified {
  customer: string;
  lines: OrderLine[];
  status: Status;
}

type Comparator<T> = (a: T, b: T) => number;
type Totals = Record<keyof typeof Category, number>;

/** Mulberry32: a tiny seeded PRNG, so every run builds the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Repository<T extends Identified> {
  private readonly items = new Map<number, T>();

  add(item: T): this {
    this.items.set(item.id, item);
    return this;
  }

  get(id: number): T {
    const item = this.items.get(id);
    if (item === undefined) throw new RangeError(`no item ${id}`);
    return item;
  }

  all(): T[] {
    return [...this.items.values()];
  }

  where(predicate: (item: T) => boolean): T[] {
    return this.all().filter(predicate);
  }

  get size(): number {
    return this.items.size;
  }
}

function groupBy<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

function sortBy<T>(items: readonly T[], ...comparators: Comparator<T>[]): T[] {
  return [...items].sort((a, b) => {
    for (const compare of comparators) {
      const order = compare(a, b);
      if (order !== 0) return order;
    }
    return 0;
  });
}

function isShipped(order: Order): order is Order & { status: Status.Shipped } {
  return order.status === Status.Shipped;
}

abstract class Report<Row> {
  constructor(protected readonly title: string) {}

  protected abstract rows(): Row[];
  protected abstract format(row: Row): string;

  render(): string {
    return [this.title, ...this.rows().map((row) => `  ${this.format(row)}`)].join("\n");
  }
}

class RevenueReport extends Report<[Category, number]> {
  constructor(
    private readonly products: Repository<Product>,
    private readonly orders: readonly Order[],
  ) {
    super("revenue by category");
  }

  totals(): Totals {
    const totals: Totals = { Book: 0, Game: 0, Tool: 0, Food: 0 };
    for (const order of this.orders.filter(isShipped)) {
      for (const line of order.lines) {
        const product = this.products.get(line.productId);
        totals[Category[product.category] as keyof typeof Category] += product.priceCents * line.quantity;
      }
    }
    return totals;
  }

  protected rows(): [Category, number][] {
    const totals = this.totals();
    const entries = (Object.keys(totals) as (keyof typeof Category)[]).map((name): [Category, number] => [Category[name], totals[name]]);
    return sortBy(entries, (a, b) => b[1] - a[1], (a, b) => a[0] - b[0]);
  }

  protected format([category, cents]: [Category, number]): string {
    return `${Category[category].padEnd(5)} ${(cents / 100).toFixed(2)}`;
  }
}

class Shop {
  readonly products = new Repository<Product>();
  readonly orders = new Repository<Order>();
  private nextId = 1;

  constructor(private readonly next: () => number) {}

  stock(count: number): void {
    const names = ["alpha", "bravo", "delta", "gamma", "omega", "sigma"];
    for (let i = 0; i < count; i++) {
      const name = `${names[i % names.length]}-${i}`;
      this.products.add({ id: this.nextId++, name, category: this.pick([Category.Book, Category.Game, Category.Tool, Category.Food]), priceCents: 100 + Math.floor(this.next() * 9_900) });
    }
  }

  takeOrders(count: number): void {
    const productIds = this.products.all().map((product) => product.id);
    const customers = ["ada", "grace", "linus", "margaret", "ken"];
    for (let i = 0; i < count; i++) {
      const lines = Array.from({ length: 1 + Math.floor(this.next() * 4) }, () => ({ productId: this.pick(productIds), quantity: 1 + Math.floor(this.next() * 3) }));
      this.orders.add({ id: this.nextId++, customer: this.pick(customers), lines, status: this.pick([Status.Pending, Status.Shipped, Status.Shipped, Status.Cancelled]) });
    }
  }

  private pick<T>(choices: readonly T[]): T {
    const choice = choices[Math.floor(this.next() * choices.length)];
    if (choice === undefined) throw new RangeError("empty choices");
    return choice;
  }
}

function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

const shop = new Shop(random(42));
shop.stock(60);
shop.takeOrders(400);

const byStatus = groupBy(shop.orders.all(), (order) => order.status);
const report = new RevenueReport(shop.products, shop.orders.all());
const topCustomer = sortBy(
  [...groupBy(shop.orders.where(isShipped), (order) => order.customer)].map(([customer, orders]) => ({ customer, count: orders.length })),
  (a, b) => b.count - a.count,
  (a, b) => a.customer.localeCompare(b.customer),
)[0];

const summary = [
  report.render(),
  `orders: ${shop.orders.size}, ${[...byStatus].map(([status, orders]) => `${status} ${orders.length}`).join(", ")}`,
  `top customer: ${topCustomer?.customer ?? "none"} (${topCustomer?.count ?? 0})`,
].join("\n");

// Only the checksum: the runner compares this line ("expect") across runtimes.
console.log(checksum(summary));
