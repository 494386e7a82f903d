namespace Lifeline.Simulator.Model;

/// <summary>What the simulated host is doing, as far as its serial console shows.</summary>
public enum HostStage
{
    Off,
    Firmware,
    BiosSetup,
    BootLoader,
    Kernel,
    Userspace,
    Login,
    Password,
    Shell,
    ShuttingDown,
    Panicked,
}

/// <summary>Something the model must act on when a console line is emitted.</summary>
internal enum ConsoleMilestone
{
    None,
    OsBooted,
    RebootNow,
}

/// <summary>One scripted line: emitted <see cref="At"/> seconds after the script starts.</summary>
internal readonly record struct ConsoleLine(
    double At,
    string Text,
    HostStage? Stage = null,
    bool NewLine = true,
    ConsoleMilestone Milestone = ConsoleMilestone.None,
    bool KernelTimestamp = false);

/// <summary>Which way the simulated firmware boots, decided from the boot flags at POST.</summary>
internal enum BootPath
{
    Disk,
    Pxe,
    Setup,
    RemovableThenDisk,
    DiagnosticThenDisk,
}

/// <summary>
/// The text a simulated host prints, with its pacing: POST (~5.5 s), the boot device, GRUB, the kernel and
/// systemd, then the login prompt ~17-21 s after power-on. Tokens in braces are filled in per node when a
/// line is emitted. Scripts are built once and shared by every node.
/// </summary>
internal static class ConsoleScripts
{
    public const string KernelRelease = "6.1.0-18-amd64";

    private static readonly ConsoleLine[] Post =
    [
        new(0.10, "", HostStage.Firmware),
        new(0.20, "{vendor} {product}"),
        new(0.25, "BIOS Version {bios}"),
        new(1.20, "Memory Test: 262144 MB OK"),
        new(2.60, "CPU1: 32 cores @ 2.00 GHz   CPU2: 32 cores @ 2.00 GHz"),
        new(3.10, "BMC IP: {bmcip}   BMC MAC: {bmcmac}"),
        new(3.60, "Initializing USB controllers .. Done"),
        new(4.20, "Press <F2> for Setup, <F11> for Boot Menu, <F12> for PXE Boot"),
        new(5.20, ""),
    ];

    private static readonly ConsoleLine[] DiskBoot =
    [
        new(0.0, "Booting from {mode} Hard Disk 0 ..."),
    ];

    private static readonly ConsoleLine[] PxeBoot =
    [
        new(0.0, ">>Start PXE over IPv4 on NIC1 ({hostmac})."),
        new(1.3, "  Station IP address is {hostip}"),
        new(1.4, ""),
        new(1.5, "  Server IP address is 10.100.0.1"),
        new(1.5, "  NBP filename is grubx64.efi"),
        new(1.6, "  NBP filesize is 2375040 Bytes"),
        new(1.7, " Downloading NBP file..."),
        new(2.9, ""),
        new(2.9, "  Succeed to download NBP file."),
    ];

    private static readonly ConsoleLine[] SetupScreen =
    [
        new(0.0, "Entering Setup..."),
        new(1.0, ""),
        new(1.1, "  Main   Advanced   Boot   Security   Save & Exit", HostStage.BiosSetup),
        new(1.1, "  BIOS Version        {bios}"),
        new(1.1, "  Product Name        {product}"),
        new(1.1, "  Total Memory        262144 MB"),
    ];

    private static readonly ConsoleLine[] NoRemovableMedia =
    [
        new(0.0, "Booting from {mode} CD/DVD ..."),
        new(1.1, "No bootable media found; trying the next boot device."),
    ];

    private static readonly ConsoleLine[] NoDiagnosticPartition =
    [
        new(0.0, "Booting diagnostic partition ..."),
        new(0.6, "Diagnostic partition not found; trying the next boot device."),
    ];

    private static readonly ConsoleLine[] Grub =
    [
        new(0.0, "Welcome to GRUB!", HostStage.BootLoader),
        new(0.6, ""),
        new(0.7, "  Booting `Debian GNU/Linux'"),
        new(0.8, ""),
        new(0.9, "Loading Linux " + KernelRelease + " ..."),
        new(1.3, "Loading initial ramdisk ..."),
    ];

    // Times are the kernel's own clock: the script places the kernel 1.7 s after GRUB starts.
    private static readonly ConsoleLine[] Linux =
    [
        new(0.000000, "Linux version " + KernelRelease + " (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)", HostStage.Kernel, KernelTimestamp: true),
        new(0.000000, "Command line: BOOT_IMAGE=/boot/vmlinuz-" + KernelRelease + " root=/dev/sda2 ro console=tty0 console=ttyS1,115200n8", KernelTimestamp: true),
        new(0.004120, "DMI: {vendor} {product}, BIOS {bios} 03/12/2024", KernelTimestamp: true),
        new(0.118204, "smpboot: Allowing 64 CPUs, 0 hotplug CPUs", KernelTimestamp: true),
        new(0.503311, "Memory: 263854804K/268434436K available (14336K kernel code, 2376K rwdata)", KernelTimestamp: true),
        new(0.962001, "smp: Brought up 2 nodes, 64 CPUs", KernelTimestamp: true),
        new(1.204477, "ACPI: Interpreter enabled", KernelTimestamp: true),
        new(1.611832, "PCI: Using configuration type 1 for base access", KernelTimestamp: true),
        new(2.104310, "Serial: 8250/16550 driver, 4 ports, IRQ sharing enabled", KernelTimestamp: true),
        new(2.110525, "00:03: ttyS1 at I/O 0x2f8 (irq = 3, base_baud = 115200) is a 16550A", KernelTimestamp: true),
        new(2.730118, "ipmi_si IPI0001:00: IPMI kcs interface initialized", KernelTimestamp: true),
        new(3.114276, "EXT4-fs (sda2): mounted filesystem with ordered data mode. Quota mode: none.", KernelTimestamp: true),
        new(3.602214, "Run /sbin/init as init process", KernelTimestamp: true),
        new(4.118933, "systemd[1]: systemd 252.22-1~deb12u1 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR)", KernelTimestamp: true),
        new(4.30, "", HostStage.Userspace),
        new(4.30, "Welcome to \u001b[1mDebian GNU/Linux 12 (bookworm)\u001b[0m!"),
        new(4.31, ""),
        new(4.90, "[  OK  ] Created slice system-getty.slice - Slice /system/getty."),
        new(5.30, "[  OK  ] Started systemd-journald.service - Journal Service."),
        new(5.90, "[  OK  ] Reached target local-fs.target - Local File Systems."),
        new(6.60, "[  OK  ] Started systemd-networkd.service - Network Configuration."),
        new(7.40, "[  OK  ] Reached target network-online.target - Network is Online."),
        new(7.90, "[  OK  ] Started ssh.service - OpenBSD Secure Shell server."),
        new(8.30, "[  OK  ] Started serial-getty@ttyS1.service - Serial Getty on ttyS1."),
        new(8.40, "[  OK  ] Reached target multi-user.target - Multi-User System."),
        new(9.10, ""),
        new(9.10, "Debian GNU/Linux 12 {host} ttyS1"),
        new(9.10, ""),
        new(9.20, "{host} login: ", HostStage.Login, NewLine: false, Milestone: ConsoleMilestone.OsBooted),
    ];

    private const double BootDeviceAt = 5.5;
    private const double KernelAfterGrub = 1.7;

    private static readonly ConsoleLine[][] BootScripts =
    [
        Compose(DiskBoot, 0.8),
        Compose(PxeBoot, 3.8),
        Concat(Post, Shift(SetupScreen, BootDeviceAt)),
        Compose([.. NoRemovableMedia, .. Shift(DiskBoot, 1.3)], 2.1),
        Compose([.. NoDiagnosticPartition, .. Shift(DiskBoot, 0.8)], 1.6),
    ];

    public static ConsoleLine[] Boot(BootPath path) => BootScripts[(int)path];

    /// <summary>Seconds from power-on to the login prompt on the disk path.</summary>
    public static double DiskBootSeconds => BootScripts[(int)BootPath.Disk][^1].At;

    /// <summary>systemd's shutdown, spread over <paramref name="seconds"/>.</summary>
    public static ConsoleLine[] Shutdown(double seconds, bool reboot)
    {
        (double Fraction, string Text)[] steps =
        [
            (0.00, ""),
            (0.10, "[  OK  ] Stopped target multi-user.target - Multi-User System."),
            (0.25, "         Stopping ssh.service - OpenBSD Secure Shell server..."),
            (0.35, "[  OK  ] Stopped ssh.service - OpenBSD Secure Shell server."),
            (0.50, "[  OK  ] Stopped systemd-networkd.service - Network Configuration."),
            (0.70, "[  OK  ] Reached target shutdown.target - System Shutdown."),
            (0.85, reboot ? "[  OK  ] Finished systemd-reboot.service - System Reboot." : "[  OK  ] Finished systemd-poweroff.service - System Power Off."),
        ];
        var lines = new List<ConsoleLine>();
        foreach (var (fraction, text) in steps)
        {
            lines.Add(new ConsoleLine(fraction * seconds, text, fraction == 0 ? HostStage.ShuttingDown : null));
        }
        lines.Add(new ConsoleLine(0.95 * seconds, reboot ? "reboot: Restarting system" : "reboot: Power down",
            KernelTimestamp: true, Milestone: reboot ? ConsoleMilestone.RebootNow : ConsoleMilestone.None));
        return [.. lines];
    }

    /// <summary>What Linux prints when an NMI arrives that nothing claims, with panic_on_unrecovered_nmi set.</summary>
    public static readonly string[] NmiPanic =
    [
        "Uhhuh. NMI received for unknown reason 3d on CPU 0.",
        "Do you have a strange power saving mode enabled?",
        "Kernel panic - not syncing: NMI: Not continuing",
        "CPU: 0 PID: 0 Comm: swapper/0 Not tainted " + KernelRelease + " #1  Debian 6.1.76-1",
        "Hardware name: {vendor} {product}, BIOS {bios} 03/12/2024",
        "Call Trace:",
        " <NMI>",
        " dump_stack_lvl+0x44/0x5c",
        " panic+0x118/0x2ed",
        " nmi_panic.cold+0xc/0xc",
        " unknown_nmi_error.cold+0x1f/0x3c",
        " exc_nmi+0x10e/0x130",
        " </NMI>",
        "Kernel Offset: 0x1a000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)",
        "---[ end Kernel panic - not syncing: NMI: Not continuing ]---",
    ];

    /// <summary>A kernel oops in a driver that ends in a panic (the console fault <c>panic</c>).</summary>
    public static readonly string[] OopsPanic =
    [
        "BUG: unable to handle page fault for address: ffffb3c0c1a2f000",
        "#PF: supervisor read access in kernel mode",
        "#PF: error_code(0x0000) - not-present page",
        "Oops: 0000 [#1] PREEMPT SMP NOPTI",
        "CPU: 17 PID: 2931 Comm: kworker/17:2 Not tainted " + KernelRelease + " #1  Debian 6.1.76-1",
        "Hardware name: {vendor} {product}, BIOS {bios} 03/12/2024",
        "Workqueue: events mlx5_fw_tracer_handle_traces [mlx5_core]",
        "RIP: 0010:mlx5_tracer_print_trace+0x4a/0x2c0 [mlx5_core]",
        "Call Trace:",
        " <TASK>",
        " ? __die+0x23/0x70",
        " ? page_fault_oops+0x17d/0x4c0",
        " ? exc_page_fault+0x7f/0x180",
        " ? asm_exc_page_fault+0x26/0x30",
        " mlx5_fw_tracer_handle_traces+0x1b3/0x240 [mlx5_core]",
        " process_one_work+0x1c7/0x380",
        " worker_thread+0x4d/0x380",
        " kthread+0xda/0x100",
        " ret_from_fork+0x22/0x30",
        " </TASK>",
        "Kernel panic - not syncing: Fatal exception",
        "Kernel Offset: 0x1a000000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)",
        "---[ end Kernel panic - not syncing: Fatal exception ]---",
    ];

    /// <summary>One corrected-error report of an MCE storm, for bank <paramref name="bank"/> on <paramref name="cpu"/>.</summary>
    public static string[] MceReport(int cpu, int bank, long address) =>
    [
        $"mce: [Hardware Error]: Machine check events logged",
        $"mce: [Hardware Error]: CPU {cpu}: Machine Check: 0 Bank {bank}: cc00008000010091",
        $"mce: [Hardware Error]: TSC 0 ADDR {address:x} MISC 200401c008002086",
        $"mce: [Hardware Error]: PROCESSOR 0:806f8 TIME 1732612345 SOCKET {cpu / 32} APIC {cpu * 2:x} microcode 2b000571",
    ];

    /// <summary>Ordinary log lines a busy host prints (the flood option).</summary>
    public static readonly string[] FloodLines =
    [
        "systemd[1]: Started session-4711.scope - Session 4711 of User root.",
        "kernel: mlx5_core 0000:3b:00.0 ens1f0np0: Link up",
        "sshd[23144]: Accepted publickey for root from 10.100.0.1 port 52214 ssh2: ED25519 SHA256:3q2+7w",
        "kernel: nvme nvme0: I/O 417 QID 12 timeout, completion polled",
        "CRON[23190]: (root) CMD (/usr/lib/sysstat/debian-sa1 1 1)",
        "kernel: EXT4-fs (nvme0n1p2): re-mounted. Opts: errors=remount-ro. Quota mode: none.",
        "slurmd[1822]: launch task StepId=812345.0 request from UID:1001 GID:1001 HOST:10.100.0.1 PORT:40522",
    ];

    /// <summary>What Linux prints for SysRq-c.</summary>
    public static readonly string[] SysRqCrash =
    [
        "sysrq: Trigger a crash",
        "Kernel panic - not syncing: sysrq triggered crash",
        "CPU: 0 PID: 0 Comm: swapper/0 Not tainted " + KernelRelease + " #1  Debian 6.1.76-1",
        "Hardware name: {vendor} {product}, BIOS {bios} 03/12/2024",
        "---[ end Kernel panic - not syncing: sysrq triggered crash ]---",
    ];

    private static ConsoleLine[] Compose(ConsoleLine[] bootDevice, double bootDeviceSeconds)
    {
        double grubAt = BootDeviceAt + bootDeviceSeconds;
        return Concat(Post, Shift(bootDevice, BootDeviceAt), Shift(Grub, grubAt), Shift(Linux, grubAt + KernelAfterGrub));
    }

    private static ConsoleLine[] Shift(ConsoleLine[] lines, double by) =>
        lines.Select(l => l with { At = l.At + by }).ToArray();

    private static ConsoleLine[] Concat(params ConsoleLine[][] parts) => parts.SelectMany(p => p).ToArray();
}
