/*
 * test_smp_tables.c - the firmware-table readers (kernel/arch/i386/acpi.c,
 * mptable.c, smp_config.c) against a fake physical memory: tables built here
 * from the ACPI and MP specifications, good ones and broken ones.
 *
 * Every fwmem_map hands out a heap copy of exactly the bytes asked for, so
 * AddressSanitizer catches any read past a mapping, and every mapping must
 * be released with its own length. Broken tables must be reported and
 * skipped, never crash, and leave no mapping behind.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include <arch/i386/smp_tables.h>
#include <uapi/errno.h>

/* ---- the fake machine ---- */

#define LOW_SIZE 0x100000u     /* physical 0 - 1 MiB */
#define HIGH_BASE 0xbffe0000u  /* ACPI tables at the top of a 3 GiB machine */
#define HIGH_SIZE 0x10000u
#define EBDA 0x9fc00u
#define BIOS_AREA 0xf5000u
#define MAX_MAPS 64

static uint8_t low_mem[LOW_SIZE];
static uint8_t high_mem[HIGH_SIZE];
static struct {
    const void *va;
    uint32_t len;
} maps[MAX_MAPS];
static int live_maps, bad_unmaps;
static char log_buf[16384];
static size_t log_len;
static uint32_t fake_bsp;
static int fake_pins[4] = {24, 24, 24, 24};
static uint32_t fake_ioapic_phys[4] = {0xfec00000u, 0xfec01000u, 0, 0};

static uint8_t *phys(uint64_t pa, uint32_t len)
{
    if (pa + len <= LOW_SIZE)
        return low_mem + pa;
    if (pa >= HIGH_BASE && pa + len <= (uint64_t)HIGH_BASE + HIGH_SIZE)
        return high_mem + (pa - HIGH_BASE);
    return NULL;
}

const void *fwmem_map(uint64_t pa, uint32_t len)
{
    uint8_t *src = phys(pa, len), *copy;

    if (!src || len == 0 || live_maps == MAX_MAPS)
        return NULL;
    copy = malloc(len);
    memcpy(copy, src, len);
    maps[live_maps].va = copy;
    maps[live_maps].len = len;
    live_maps++;
    return copy;
}

void fwmem_unmap(const void *va, uint32_t len)
{
    for (int i = 0; i < live_maps; i++) {
        if (maps[i].va == va && maps[i].len == len) {
            free((void *)va);
            maps[i] = maps[--live_maps];
            return;
        }
    }
    bad_unmaps++;
}

int ioapic_pin_count(uint32_t phys_addr)
{
    for (int i = 0; i < 4; i++)
        if (fake_ioapic_phys[i] == phys_addr)
            return fake_pins[i];
    return -ENODEV;
}

uint32_t lapic_bsp_id(void)
{
    return fake_bsp;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(log_buf + log_len, sizeof log_buf - log_len, fmt, ap);
    va_end(ap);
    if (n > 0)
        log_len += (size_t)n < sizeof log_buf - log_len ? (size_t)n : sizeof log_buf - log_len - 1;
    return n;
}

static void machine_reset(void)
{
    memset(low_mem, 0, sizeof low_mem);
    memset(high_mem, 0, sizeof high_mem);
    live_maps = bad_unmaps = 0;
    log_len = 0;
    log_buf[0] = 0;
    fake_bsp = 0;
    /* BIOS data area: no EBDA yet, 639 KiB of base memory. */
    low_mem[0x413] = 639 & 0xff;
    low_mem[0x414] = 639 >> 8;
}

static void set_ebda(uint32_t pa)
{
    low_mem[0x40e] = (uint8_t)(pa >> 4);
    low_mem[0x40f] = (uint8_t)(pa >> 12);
}

static void put8(uint64_t pa, uint8_t v)
{
    *phys(pa, 1) = v;
}

static void put16(uint64_t pa, uint16_t v)
{
    memcpy(phys(pa, 2), &v, 2);
}

static void put32(uint64_t pa, uint32_t v)
{
    memcpy(phys(pa, 4), &v, 4);
}

static void put64(uint64_t pa, uint64_t v)
{
    memcpy(phys(pa, 8), &v, 8);
}

static void putstr(uint64_t pa, const char *s)
{
    memcpy(phys(pa, (uint32_t)strlen(s)), s, strlen(s));
}

/* Set the byte at sum_at so that [pa, pa + len) sums to 0. */
static void fix_sum(uint64_t pa, uint32_t len, uint64_t sum_at)
{
    uint8_t *p = phys(pa, len), sum = 0;

    put8(sum_at, 0);
    for (uint32_t i = 0; i < len; i++)
        sum = (uint8_t)(sum + p[i]);
    put8(sum_at, (uint8_t)(0x100 - sum));
}

static bool logged(const char *text)
{
    return strstr(log_buf, text) != NULL;
}

/* ---- ACPI tables (ACPI 6.5, 5.2) ---- */

static void put_rsdp(uint32_t at, uint8_t revision, uint32_t rsdt, uint64_t xsdt)
{
    putstr(at, "RSD PTR ");
    putstr(at + 9, "FAKEOE");
    put8(at + 15, revision);
    put32(at + 16, rsdt);
    fix_sum(at, 20, at + 8);
    if (revision >= 2) {
        put32(at + 20, 36);
        put64(at + 24, xsdt);
        fix_sum(at, 36, at + 32);
    }
}

static void sdt_header(uint64_t at, const char *sig, uint32_t len)
{
    putstr(at, sig);
    put32(at + 4, len);
    put8(at + 8, 1);
    putstr(at + 10, "FAKEOE");
}

static void sdt_finish(uint64_t at)
{
    uint32_t len;

    memcpy(&len, phys(at + 4, 4), 4);
    fix_sum(at, len, at + 9);
}

/* A root table at at listing n tables; entry_size 4 (RSDT) or 8 (XSDT). */
static void put_root(uint64_t at, uint32_t entry_size, const uint64_t *tables, int n)
{
    sdt_header(at, entry_size == 4 ? "RSDT" : "XSDT", 36 + entry_size * (uint32_t)n);
    for (int i = 0; i < n; i++) {
        if (entry_size == 4)
            put32(at + 36 + 4 * (uint32_t)i, (uint32_t)tables[i]);
        else
            put64(at + 36 + 8 * (uint32_t)i, tables[i]);
    }
    sdt_finish(at);
}

struct madt_builder {
    uint64_t at;
    uint32_t len;
};

static struct madt_builder madt_start(uint64_t at, uint32_t lapic, uint32_t flags)
{
    struct madt_builder b = {at, 44};

    sdt_header(at, "APIC", 44);
    put32(at + 36, lapic);
    put32(at + 40, flags);
    return b;
}

static void madt_lapic(struct madt_builder *b, uint8_t id, uint32_t flags)
{
    put8(b->at + b->len, 0);
    put8(b->at + b->len + 1, 8);
    put8(b->at + b->len + 2, id); /* processor UID */
    put8(b->at + b->len + 3, id);
    put32(b->at + b->len + 4, flags);
    b->len += 8;
}

static void madt_ioapic(struct madt_builder *b, uint8_t id, uint32_t addr, uint32_t gsi_base)
{
    put8(b->at + b->len, 1);
    put8(b->at + b->len + 1, 12);
    put8(b->at + b->len + 2, id);
    put32(b->at + b->len + 4, addr);
    put32(b->at + b->len + 8, gsi_base);
    b->len += 12;
}

static void madt_override(struct madt_builder *b, uint8_t irq, uint32_t gsi, uint16_t flags)
{
    put8(b->at + b->len, 2);
    put8(b->at + b->len + 1, 10);
    put8(b->at + b->len + 2, 0); /* ISA */
    put8(b->at + b->len + 3, irq);
    put32(b->at + b->len + 4, gsi);
    put16(b->at + b->len + 8, flags);
    b->len += 10;
}

static void madt_lapic_address(struct madt_builder *b, uint64_t addr)
{
    put8(b->at + b->len, 5);
    put8(b->at + b->len + 1, 12);
    put64(b->at + b->len + 4, addr);
    b->len += 12;
}

static void madt_raw(struct madt_builder *b, const uint8_t *bytes, uint32_t n)
{
    memcpy(phys(b->at + b->len, n), bytes, n);
    b->len += n;
}

static uint32_t last_madt_len, last_mp_len;

static void madt_finish(struct madt_builder *b)
{
    last_madt_len = b->len;
    put32(b->at + 4, b->len);
    sdt_finish(b->at);
}

#define MADT_AT (HIGH_BASE + 0x1000)
#define RSDT_AT (HIGH_BASE + 0x0100)
#define XSDT_AT (HIGH_BASE + 0x0200)
#define FACP_AT (HIGH_BASE + 0x0400)
#define INTI_LEVEL_HIGH 0x000d /* polarity 01 (high), trigger 11 (level) */
#define INTI_LEVEL_LOW 0x000f

/* QEMU's machine: two CPUs, one I/O APIC, IRQ 0 on GSI 2, IRQ 9 level. */
static void build_qemu_acpi(int ncpus)
{
    struct madt_builder b = madt_start(MADT_AT, 0xfee00000u, 1);
    uint64_t tables[2] = {FACP_AT, MADT_AT};

    for (int i = 0; i < ncpus; i++)
        madt_lapic(&b, (uint8_t)i, 1);
    madt_ioapic(&b, 0, 0xfec00000u, 0);
    madt_override(&b, 0, 2, 0);
    madt_override(&b, 9, 9, INTI_LEVEL_HIGH);
    madt_finish(&b);
    sdt_header(FACP_AT, "FACP", 116);
    sdt_finish(FACP_AT);
    put_root(RSDT_AT, 4, tables, 2);
    put_rsdp(BIOS_AREA, 0, RSDT_AT, 0);
}

static void check_clean(void)
{
    CHECK_EQ(live_maps, 0);
    CHECK_EQ(bad_unmaps, 0);
}

/* ---- MP tables (MP spec 1.4, chapter 4) ---- */

#define MP_FLOAT_AT 0xf6000u
#define MP_CONFIG_AT 0xf6100u

static void put_floating(uint32_t at, uint32_t config, uint8_t default_type, uint8_t feature2)
{
    putstr(at, "_MP_");
    put32(at + 4, config);
    put8(at + 8, 1);
    put8(at + 9, 4);
    put8(at + 11, default_type);
    put8(at + 12, feature2);
    fix_sum(at, 16, at + 10);
}

struct mp_builder {
    uint32_t at, len;
    uint16_t count;
};

static struct mp_builder mp_start(uint32_t at)
{
    struct mp_builder b = {at, 44, 0};

    putstr(at, "PCMP");
    put8(at + 6, 4);
    putstr(at + 8, "FAKEOEM ");
    put32(at + 36, 0xfee00000u);
    return b;
}

static void mp_cpu(struct mp_builder *b, uint8_t id, uint8_t flags)
{
    put8(b->at + b->len, 0);
    put8(b->at + b->len + 1, id);
    put8(b->at + b->len + 2, 0x14);
    put8(b->at + b->len + 3, flags);
    b->len += 20;
    b->count++;
}

static void mp_bus(struct mp_builder *b, uint8_t id, const char *name)
{
    put8(b->at + b->len, 1);
    put8(b->at + b->len + 1, id);
    putstr(b->at + b->len + 2, name);
    b->len += 8;
    b->count++;
}

static void mp_ioapic(struct mp_builder *b, uint8_t id, uint32_t addr, uint8_t flags)
{
    put8(b->at + b->len, 2);
    put8(b->at + b->len + 1, id);
    put8(b->at + b->len + 2, 0x11);
    put8(b->at + b->len + 3, flags);
    put32(b->at + b->len + 4, addr);
    b->len += 8;
    b->count++;
}

static void mp_irq(struct mp_builder *b, uint8_t kind, uint16_t flags, uint8_t bus,
                   uint8_t bus_irq, uint8_t ioapic, uint8_t pin)
{
    put8(b->at + b->len, 3);
    put8(b->at + b->len + 1, kind);
    put16(b->at + b->len + 2, flags);
    put8(b->at + b->len + 4, bus);
    put8(b->at + b->len + 5, bus_irq);
    put8(b->at + b->len + 6, ioapic);
    put8(b->at + b->len + 7, pin);
    b->len += 8;
    b->count++;
}

static void mp_finish(struct mp_builder *b)
{
    last_mp_len = b->len;
    put16(b->at + 4, (uint16_t)b->len);
    put16(b->at + 34, b->count);
    fix_sum(b->at, b->len, b->at + 7);
}

/* SeaBIOS's shape: PCI bus 0, ISA bus 1, ISA IRQs but 2, 5, 9, 10, 11; a NIC on pin 11. */
static void build_seabios_mp(uint32_t floating_at)
{
    struct mp_builder b = mp_start(MP_CONFIG_AT);

    mp_cpu(&b, 0, 3); /* enabled, boot processor */
    mp_cpu(&b, 1, 1);
    mp_cpu(&b, 2, 0); /* disabled */
    mp_bus(&b, 0, "PCI   ");
    mp_bus(&b, 1, "ISA   ");
    mp_ioapic(&b, 2, 0xfec00000u, 1);
    mp_irq(&b, 0, 0x0001, 0, 0x0c, 2, 11); /* PCI 00:03 INTA#, active high */
    mp_irq(&b, 3, 0, 1, 0, 2, 0);          /* ExtINT: the 8259 on pin 0 */
    for (uint8_t irq = 0; irq < 16; irq++) {
        if (irq == 2 || irq == 5 || irq == 9 || irq == 10 || irq == 11)
            continue;
        mp_irq(&b, 0, 0, 1, irq, 2, irq == 0 ? 2 : irq);
    }
    mp_finish(&b);
    put_floating(floating_at, MP_CONFIG_AT, 0, 0x80);
}

/* ---- ACPI ---- */

TEST(acpi_qemu_machine)
{
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(2);
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_STR(cfg.source, "ACPI");
    CHECK_EQ(cfg.lapic_phys, 0xfee00000u);
    CHECK_EQ(cfg.ncpus, 2);
    CHECK_EQ(cfg.cpus[0].apic_id, 0);
    CHECK_EQ(cfg.cpus[1].apic_id, 1);
    CHECK_EQ(cfg.nioapics, 1);
    CHECK_EQ(cfg.ioapics[0].phys, 0xfec00000u);
    CHECK_EQ(cfg.ioapics[0].gsi_base, 0);
    CHECK_EQ(cfg.isa_irqs[0].gsi, 2);
    CHECK_EQ(cfg.isa_irqs[0].flags, 0);
    CHECK_EQ(cfg.isa_irqs[2].gsi, SMP_GSI_NONE); /* IRQ 0 took its GSI */
    CHECK_EQ(cfg.isa_irqs[9].gsi, 9);
    CHECK_EQ(cfg.isa_irqs[9].flags, SMP_IRQ_LEVEL);
    CHECK_EQ(cfg.isa_irqs[14].gsi, 14);
    CHECK_EQ(cfg.isa_irqs[14].flags, 0);
    CHECK(cfg.has_8259);
    CHECK(!cfg.imcr);
    CHECK(logged("MADT at 0xbffe1000, listed in the RSDT"));
    check_clean();
}

TEST(acpi_boot_cpu_goes_first)
{
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(4);
    fake_bsp = 2;
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, 4);
    CHECK_EQ(cfg.cpus[0].apic_id, 2);
    CHECK_EQ(cfg.cpus[1].apic_id, 0); /* the others keep their order */
    CHECK_EQ(cfg.cpus[2].apic_id, 1);
    CHECK_EQ(cfg.cpus[3].apic_id, 3);
    fake_bsp = 9; /* not listed: added in front */
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, 5);
    CHECK_EQ(cfg.cpus[0].apic_id, 9);
    CHECK_EQ(cfg.cpus[4].apic_id, 3);
    CHECK(logged("boot processor (APIC ID 9) is not listed"));
    check_clean();
}

TEST(acpi_rsdp_in_ebda_comes_first)
{
    struct smp_config cfg;
    struct madt_builder b;
    uint64_t t = HIGH_BASE + 0x3000;

    machine_reset();
    build_qemu_acpi(2);
    b = madt_start(HIGH_BASE + 0x3000, 0xfee00000u, 0);
    madt_lapic(&b, 5, 1);
    madt_finish(&b);
    put_root(HIGH_BASE + 0x2000, 4, &t, 1);
    set_ebda(EBDA);
    put_rsdp(EBDA + 0x30, 0, HIGH_BASE + 0x2000, 0);
    fake_bsp = 5;
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, 1);
    CHECK_EQ(cfg.cpus[0].apic_id, 5);
    CHECK(!cfg.has_8259);
    check_clean();
}

TEST(acpi_xsdt_when_below_4gib_else_rsdt)
{
    struct smp_config cfg;
    struct madt_builder b;
    uint64_t t = HIGH_BASE + 0x3000;

    machine_reset();
    build_qemu_acpi(2); /* the RSDT's MADT: two CPUs */
    b = madt_start(HIGH_BASE + 0x3000, 0xfee00000u, 0);
    for (uint8_t i = 0; i < 3; i++)
        madt_lapic(&b, i, 1);
    madt_finish(&b);
    put_root(XSDT_AT, 8, &t, 1); /* the XSDT's: three */
    put_rsdp(BIOS_AREA, 2, RSDT_AT, XSDT_AT);
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, 3);
    CHECK(logged("listed in the XSDT"));

    put_rsdp(BIOS_AREA, 2, RSDT_AT, 0x100000000ull + XSDT_AT);
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, 2);
    check_clean();
}

TEST(acpi_broken_xsdt_falls_back_to_rsdt)
{
    struct smp_config cfg;
    uint64_t t = MADT_AT;

    machine_reset();
    build_qemu_acpi(2);
    put_root(XSDT_AT, 8, &t, 1);
    put8(XSDT_AT + 36, 0x55); /* checksum now wrong */
    put_rsdp(BIOS_AREA, 2, RSDT_AT, XSDT_AT);
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, 2);
    CHECK(logged("XSDT at 0xbffe0200: bad checksum"));
    CHECK(logged("trying the RSDT"));
    check_clean();
}

TEST(acpi_rsdp_checksums)
{
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(2);
    put8(BIOS_AREA + 9, 'X'); /* the ACPI 1.0 checksum fails: no RSDP at all */
    CHECK_EQ(acpi_read_madt(&cfg), -ENODEV);

    machine_reset();
    build_qemu_acpi(2);
    put_rsdp(BIOS_AREA, 2, RSDT_AT, XSDT_AT);
    put8(BIOS_AREA + 33, 1); /* the extended checksum fails: the RSDT is used */
    CHECK_EQ(acpi_read_madt(&cfg), 0);
    CHECK(logged("bad ACPI 2.0 fields; using the RSDT"));
    CHECK(logged("listed in the RSDT"));
    check_clean();
}

TEST(acpi_bad_madt_checksum_falls_back_to_mp_table)
{
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(2);
    put8(MADT_AT + 44, 0x42); /* a changed byte */
    build_seabios_mp(MP_FLOAT_AT);
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_STR(cfg.source, "MP table");
    CHECK(logged("MADT at 0xbffe1000: bad checksum"));
    CHECK(logged("trying the MP table"));
    check_clean();
}

TEST(acpi_madt_lengths_are_checked)
{
    static const uint8_t zero_length[] = {0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t past_end[] = {1, 40, 0, 0};
    static const uint8_t short_ioapic[] = {1, 6, 0, 0, 0, 0};
    const uint8_t *bad[] = {zero_length, past_end, short_ioapic};
    const uint32_t sizes[] = {sizeof zero_length, sizeof past_end, sizeof short_ioapic};
    struct smp_config cfg;

    for (int i = 0; i < 3; i++) {
        struct madt_builder b;

        machine_reset();
        build_qemu_acpi(2);
        b = madt_start(MADT_AT, 0xfee00000u, 1);
        madt_lapic(&b, 0, 1);
        madt_raw(&b, bad[i], sizes[i]);
        madt_finish(&b);
        CHECK_EQ(acpi_read_madt(&cfg), -EINVAL);
        CHECK(logged("runs past the table or is too short"));
        check_clean();
    }
    /* A length beyond any sane table, and one beyond the memory there. */
    machine_reset();
    build_qemu_acpi(2);
    put32(MADT_AT + 4, 0x7fffffff);
    CHECK_EQ(acpi_read_madt(&cfg), -EINVAL);
    CHECK(logged("bad length 2147483647"));
    put32(MADT_AT + 4, HIGH_SIZE);
    CHECK_EQ(acpi_read_madt(&cfg), -EINVAL);
    CHECK(logged("cannot map the MADT"));
    put32(MADT_AT + 4, 10); /* shorter than a header */
    CHECK_EQ(acpi_read_madt(&cfg), -EINVAL);
    check_clean();
    /* The RSDT's own length. */
    machine_reset();
    build_qemu_acpi(2);
    put32(RSDT_AT + 4, 0xffffff00u);
    CHECK_EQ(acpi_read_madt(&cfg), -EINVAL);
    CHECK(logged("RSDT at 0xbffe0100: bad length"));
    check_clean();
}

TEST(acpi_processor_flags_and_ids)
{
    struct madt_builder b;
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(1);
    b = madt_start(MADT_AT, 0xfee00000u, 1);
    madt_lapic(&b, 0, 1);
    madt_lapic(&b, 1, 0); /* disabled: left out */
    madt_lapic(&b, 2, 2); /* online-capable: kept, marked */
    madt_lapic(&b, 0, 1); /* the same ID again */
    madt_lapic(&b, 0xff, 1);
    madt_finish(&b);
    REQUIRE(acpi_read_madt(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, 2);
    CHECK_EQ(cfg.cpus[1].apic_id, 2);
    CHECK_EQ(cfg.cpus[1].flags, SMP_CPU_ONLINE_CAPABLE);
    CHECK(logged("second processor with APIC ID 0 ignored"));
    CHECK(logged("APIC ID 255 ignored"));
    check_clean();
}

TEST(acpi_no_usable_processor_is_an_error)
{
    struct madt_builder b;
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(1);
    b = madt_start(MADT_AT, 0xfee00000u, 1);
    madt_lapic(&b, 0, 0);
    madt_finish(&b);
    CHECK_EQ(acpi_read_madt(&cfg), -EINVAL);
    CHECK_EQ(smp_config_discover(&cfg), -ENODEV); /* and no MP table either */
    CHECK_STR(cfg.source, "none");
    check_clean();
}

TEST(acpi_lapic_address_override)
{
    struct madt_builder b;
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(1);
    b = madt_start(MADT_AT, 0xfee00000u, 1);
    madt_lapic(&b, 0, 1);
    madt_lapic_address(&b, 0xfed00000u);
    madt_finish(&b);
    REQUIRE(acpi_read_madt(&cfg) == 0);
    CHECK_EQ(cfg.lapic_phys, 0xfed00000u);

    b = madt_start(MADT_AT, 0xfee00000u, 1);
    madt_lapic(&b, 0, 1);
    madt_lapic_address(&b, 0x1fee00000ull); /* above 4 GiB: unreachable, ignored */
    madt_finish(&b);
    REQUIRE(acpi_read_madt(&cfg) == 0);
    CHECK_EQ(cfg.lapic_phys, 0xfee00000u);
    CHECK(logged("above 4 GiB ignored"));
    check_clean();
}

TEST(acpi_many_cpus_are_capped)
{
    struct madt_builder b;
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(1);
    b = madt_start(MADT_AT, 0xfee00000u, 1);
    for (int i = 0; i < SMP_MAX_CPUS + 8; i++)
        madt_lapic(&b, (uint8_t)i, 1);
    madt_finish(&b);
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, SMP_MAX_CPUS);
    CHECK_EQ(cfg.cpus_dropped, 8);
    check_clean();
}

TEST(acpi_overrides_level_low_and_bad_sources)
{
    struct madt_builder b;
    struct smp_config cfg;

    machine_reset();
    build_qemu_acpi(1);
    b = madt_start(MADT_AT, 0xfee00000u, 1);
    madt_lapic(&b, 0, 1);
    madt_ioapic(&b, 0, 0xfec00000u, 0);
    madt_override(&b, 9, 20, INTI_LEVEL_LOW);
    madt_override(&b, 30, 3, 0); /* no ISA IRQ 30 */
    madt_finish(&b);
    REQUIRE(acpi_read_madt(&cfg) == 0);
    CHECK_EQ(cfg.isa_irqs[9].gsi, 20);
    CHECK_EQ(cfg.isa_irqs[9].flags, SMP_IRQ_LEVEL | SMP_IRQ_ACTIVE_LOW);
    CHECK_EQ(cfg.isa_irqs[3].gsi, 3);
    CHECK(logged("override of bus 0 IRQ 30 ignored"));
    check_clean();
}

TEST(inti_flags_decoding)
{
    CHECK_EQ(smp_isa_irq_flags(0x0000), 0); /* as the bus says: ISA edge, high */
    CHECK_EQ(smp_isa_irq_flags(0x0005), 0); /* high, edge */
    CHECK_EQ(smp_isa_irq_flags(0x0003), SMP_IRQ_ACTIVE_LOW);
    CHECK_EQ(smp_isa_irq_flags(0x000c), SMP_IRQ_LEVEL);
    CHECK_EQ(smp_isa_irq_flags(0x000f), SMP_IRQ_LEVEL | SMP_IRQ_ACTIVE_LOW);
}

/* ---- MP table ---- */

TEST(mp_table_seabios_shape)
{
    struct smp_config cfg;

    machine_reset();
    build_seabios_mp(MP_FLOAT_AT);
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_STR(cfg.source, "MP table");
    CHECK_EQ(cfg.ncpus, 2);
    CHECK_EQ(cfg.cpus[0].apic_id, 0);
    CHECK_EQ(cfg.cpus[1].apic_id, 1);
    CHECK_EQ(cfg.lapic_phys, 0xfee00000u);
    CHECK_EQ(cfg.nioapics, 1);
    CHECK_EQ(cfg.ioapics[0].id, 2);
    CHECK_EQ(cfg.isa_irqs[0].gsi, 2);
    CHECK_EQ(cfg.isa_irqs[1].gsi, 1);
    CHECK_EQ(cfg.isa_irqs[2].gsi, SMP_GSI_NONE);
    CHECK_EQ(cfg.isa_irqs[9].gsi, SMP_GSI_NONE);
    CHECK_EQ(cfg.isa_irqs[14].gsi, 14);
    /* The NIC's PCI interrupt is what the BIOS called IRQ 11: pin 11, level, high. */
    CHECK_EQ(cfg.isa_irqs[11].gsi, 11);
    CHECK_EQ(cfg.isa_irqs[11].flags, SMP_IRQ_LEVEL);
    CHECK(cfg.imcr);
    CHECK(cfg.has_8259);
    check_clean();
}

TEST(mp_floating_pointer_search_areas)
{
    struct smp_config cfg;

    machine_reset();
    set_ebda(EBDA);
    build_seabios_mp(EBDA + 0x100);
    CHECK_EQ(mptable_read(&cfg), 0);
    check_clean();

    machine_reset(); /* no EBDA: the last KiB of the 639 KiB of base memory */
    build_seabios_mp(639 * 1024 - 0x40);
    CHECK_EQ(mptable_read(&cfg), 0);

    machine_reset(); /* beyond the first KiB of the EBDA: not searched */
    set_ebda(EBDA - 0x1000);
    build_seabios_mp(EBDA - 0x1000 + 0x400);
    CHECK_EQ(mptable_read(&cfg), -ENODEV);
    check_clean();
}

TEST(mp_default_configurations)
{
    struct smp_config cfg;

    machine_reset();
    put_floating(MP_FLOAT_AT, 0, 5, 0); /* ISA + PCI, integrated APICs */
    REQUIRE(smp_config_discover(&cfg) == 0);
    CHECK_EQ(cfg.ncpus, 2);
    CHECK_EQ(cfg.lapic_phys, 0xfee00000u);
    CHECK_EQ(cfg.nioapics, 1);
    CHECK_EQ(cfg.ioapics[0].phys, 0xfec00000u);
    CHECK_EQ(cfg.isa_irqs[0].gsi, 2);
    CHECK_EQ(cfg.isa_irqs[2].gsi, SMP_GSI_NONE);
    CHECK_EQ(cfg.isa_irqs[13].gsi, 13);

    put_floating(MP_FLOAT_AT, 0, 2, 0); /* EISA without IRQ 0 and 13 */
    REQUIRE(mptable_read(&cfg) == 0);
    CHECK_EQ(cfg.isa_irqs[0].gsi, SMP_GSI_NONE);
    CHECK_EQ(cfg.isa_irqs[13].gsi, SMP_GSI_NONE);

    put_floating(MP_FLOAT_AT, 0, 9, 0); /* no such configuration */
    CHECK_EQ(mptable_read(&cfg), -EINVAL);
    put_floating(MP_FLOAT_AT, 0, 0, 0); /* neither a table nor a default */
    CHECK_EQ(mptable_read(&cfg), -EINVAL);
    check_clean();
}

TEST(mp_table_damage_is_rejected)
{
    struct smp_config cfg;

    machine_reset();
    build_seabios_mp(MP_FLOAT_AT);
    put8(MP_CONFIG_AT + 50, 0x77); /* checksum */
    CHECK_EQ(mptable_read(&cfg), -EINVAL);
    CHECK(logged("bad checksum"));

    machine_reset();
    build_seabios_mp(MP_FLOAT_AT);
    put16(MP_CONFIG_AT + 34, 500); /* more entries than the length holds */
    fix_sum(MP_CONFIG_AT, last_mp_len, MP_CONFIG_AT + 7);
    CHECK_EQ(mptable_read(&cfg), -EINVAL);
    CHECK(logged("runs past the table"));

    machine_reset();
    build_seabios_mp(MP_FLOAT_AT);
    put8(MP_CONFIG_AT + 44 + 20, 0x42); /* an entry type the base table cannot have */
    fix_sum(MP_CONFIG_AT, last_mp_len, MP_CONFIG_AT + 7);
    CHECK_EQ(mptable_read(&cfg), -EINVAL);
    CHECK(logged("is unknown or runs past"));

    machine_reset();
    build_seabios_mp(MP_FLOAT_AT);
    put32(MP_FLOAT_AT + 4, 0x5000000); /* a configuration table where there is no memory */
    fix_sum(MP_FLOAT_AT, 16, MP_FLOAT_AT + 10);
    CHECK_EQ(mptable_read(&cfg), -EINVAL);
    CHECK(logged("cannot map"));
    check_clean();
}

TEST(mp_two_ioapics_number_their_gsis)
{
    struct mp_builder b;
    struct smp_config cfg;

    machine_reset();
    fake_pins[0] = 16;
    b = mp_start(MP_CONFIG_AT);
    mp_cpu(&b, 0, 3);
    mp_irq(&b, 0, 0, 1, 3, 9, 3); /* before its bus and I/O APIC: still understood */
    mp_bus(&b, 1, "ISA   ");
    mp_ioapic(&b, 8, fake_ioapic_phys[0], 1);
    mp_ioapic(&b, 9, fake_ioapic_phys[1], 1);
    mp_irq(&b, 0, 0, 1, 4, 7, 4); /* to an I/O APIC that is not there */
    mp_finish(&b);
    put_floating(MP_FLOAT_AT, MP_CONFIG_AT, 0, 0);
    REQUIRE(mptable_read(&cfg) == 0);
    fake_pins[0] = 24;
    CHECK_EQ(cfg.nioapics, 2);
    CHECK_EQ(cfg.ioapics[1].gsi_base, 16);
    CHECK_EQ(cfg.isa_irqs[3].gsi, 19);
    CHECK_EQ(cfg.isa_irqs[4].gsi, SMP_GSI_NONE);
    CHECK(logged("unknown I/O APIC ID 7"));
    check_clean();
}

TEST(no_tables_at_all)
{
    struct smp_config cfg;

    machine_reset();
    CHECK_EQ(smp_config_discover(&cfg), -ENODEV);
    CHECK(logged("no usable ACPI MADT or MP table"));
    check_clean();
}

/* ---- damage at random: no crash, no read past a mapping, no mapping left ---- */

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

TEST(random_damage_never_crashes)
{
    struct smp_config cfg;
    int ok = 0;

    for (int round = 0; round < 3000; round++) {
        bool mp = round & 1;
        uint64_t at = mp ? MP_CONFIG_AT : MADT_AT;
        uint32_t len;

        machine_reset();
        if (mp)
            build_seabios_mp(MP_FLOAT_AT);
        else
            build_qemu_acpi(2);
        len = mp ? last_mp_len : last_madt_len;
        for (int k = 1 + (int)(next_random() % 4); k > 0; k--)
            put8(at + 4 + next_random() % (len - 4), (uint8_t)next_random());
        if (next_random() % 2) /* mostly keep the checksum right, so the parser sees the damage */
            fix_sum(at, len, at + (mp ? 7 : 9));
        ok += smp_config_discover(&cfg) == 0;
        CHECK_MSG(live_maps == 0 && bad_unmaps == 0, "round %d left %d mappings, %d bad unmaps",
                  round, live_maps, bad_unmaps);
        CHECK_MSG(cfg.ncpus >= 0 && cfg.ncpus <= SMP_MAX_CPUS &&
                      cfg.nioapics >= 0 && cfg.nioapics <= SMP_MAX_IOAPICS,
                  "round %d: %d CPUs, %d I/O APICs", round, cfg.ncpus, cfg.nioapics);
    }
    CHECK(ok > 0);
}
