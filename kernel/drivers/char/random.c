/*
 * random.c - see random.h.
 *
 * Seed material at boot: RDSEED/RDRAND when the CPU has them (CPUID leaf 7 EBX
 * bit 18, leaf 1 ECX bit 30), the TSC sampled around port I/O (jitter), the
 * RTC and the tick count. Events (interrupt timings) accumulate in a small
 * pool that is mixed in at the next request. The DRBG reseeds from the pool
 * when it says it needs to. random_lock guards the generator and the pool.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/cpu.h>
#include <arch/i386/io.h>
#include <arch/i386/spinlock.h>
#include <clock.h>
#include <crypto/drbg.h>
#include <crypto/sha256.h>
#include <drivers/char/random.h>
#include <lib/kprintf.h>
#include <string.h>

#define CPUID_1_ECX_RDRAND (1u << 30)
#define CPUID_7_EBX_RDSEED (1u << 18)
#define POOL_WORDS 64

static struct spinlock random_lock = SPINLOCK_INIT_RANKED("random", RANK_LEAF);
static struct drbg_ctx drbg;
static uint32_t pool[POOL_WORDS];
static unsigned pool_pos;

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static int has_cpuid(void)
{
    uint32_t before, after;

    /* CPUID exists when the ID flag (bit 21) of EFLAGS can be toggled. */
    __asm__ volatile("pushfl; popl %0; movl %0, %1; xorl $0x200000, %1; pushl %1; popfl;"
                     "pushfl; popl %1; pushl %0; popfl"
                     : "=&r"(before), "=&r"(after));
    return ((before ^ after) & 0x200000) != 0;
}

/* One 32-bit value from RDRAND (or RDSEED when seed is set); 0 when it failed. */
static int hw_random(uint32_t *out, int seed)
{
    uint8_t ok;

    for (int tries = 0; tries < 10; tries++) {
        if (seed)
            __asm__ volatile("rdseed %0; setc %1" : "=r"(*out), "=qm"(ok));
        else
            __asm__ volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok));
        if (ok)
            return 1;
    }
    return 0;
}

void random_init(void)
{
    struct sha256_ctx h;
    uint8_t seed[32];
    uint32_t a, b, c, d, v, max_leaf = 0;
    int rdrand = 0, rdseed = 0, hw_words = 0;
    int64_t now = clock_realtime_ns();

    if (has_cpuid()) {
        cpuid(0, &max_leaf, &b, &c, &d);
        cpuid(1, &a, &b, &c, &d);
        rdrand = (c & CPUID_1_ECX_RDRAND) != 0;
        if (max_leaf >= 7) {
            cpuid(7, &a, &b, &c, &d);
            rdseed = (b & CPUID_7_EBX_RDSEED) != 0;
        }
    }
    sha256_init(&h);
    sha256_update(&h, &now, sizeof now);
    for (int i = 0; i < 64; i++) {
        if ((rdseed && hw_random(&v, 1)) || (rdrand && hw_random(&v, 0))) {
            sha256_update(&h, &v, sizeof v);
            hw_words++;
        }
    }
    /* Timing jitter: TSC deltas across slow I/O. Weak alone, but never harmful. */
    for (int i = 0; i < 256; i++) {
        uint64_t t0 = rdtsc();
        inb(0x61);
        uint64_t t1 = rdtsc();
        uint32_t delta = (uint32_t)(t1 - t0) ^ (uint32_t)t1;
        sha256_update(&h, &delta, sizeof delta);
    }
    sha256_final(&h, seed);
    drbg_init(&drbg);
    drbg_seed(&drbg, seed, sizeof seed);
    memset(seed, 0, sizeof seed);
    kprintf("random: seeded (%s, %d hardware words, TSC jitter)\n",
            rdseed ? "RDSEED" : rdrand ? "RDRAND" : "no hardware generator", hw_words);
}

void random_add_event(unsigned value)
{
    pool[pool_pos++ % POOL_WORDS] ^= value ^ (uint32_t)rdtsc();
}

void random_bytes(void *buf, size_t len)
{
    spin_lock(&random_lock);
    drbg_add_entropy(&drbg, pool, sizeof pool);
    if (drbg_generate(&drbg, buf, len) != 0)
        memset(buf, 0, len); /* cannot happen after random_init; never leave garbage */
    spin_unlock(&random_lock);
}
