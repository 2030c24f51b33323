"""Facts about the machine and process a benchmark ran on: cores, device, library versions, memory."""
import os
import platform
import resource
import sys
from datetime import datetime, timezone
from typing import Any, Dict, Optional

import spacy
import thinc
import torch
from thinc.api import get_current_ops


def current_rss_mb() -> Optional[float]:
    """This process's resident set size now, in MiB (None where /proc is unavailable)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            resident_pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (ru_maxrss), in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB on Linux


def gpu_in_use() -> bool:
    """Whether thinc's current ops run on a GPU (after `spacy.require_gpu`)."""
    return get_current_ops().device_type == "gpu"


def reset_gpu_peak() -> None:
    """Start a new torch CUDA peak-memory window (no-op on CPU)."""
    if gpu_in_use() and torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()


def gpu_peak_mb() -> Optional[float]:
    """Peak torch CUDA memory since the last reset, in MiB (None on CPU)."""
    if gpu_in_use() and torch.cuda.is_available():
        return torch.cuda.max_memory_allocated() / 2**20
    return None


def load_average() -> Optional[float]:
    """The 1-minute load average: how busy the machine was beside the benchmark."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _cpu_model() -> Optional[str]:
    try:
        with open("/proc/cpuinfo", encoding="utf8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine_facts(gpu_id: int) -> Dict[str, Any]:
    """Device, cores, thread counts and library versions; call after the pipelines are loaded."""
    ops = get_current_ops()
    device = "cpu"
    if gpu_in_use():
        device = f"cuda:{gpu_id}"
        if torch.cuda.is_available():
            device += f" ({torch.cuda.get_device_name(max(gpu_id, 0))})"
    return {
        "device": device,
        "thinc_ops": type(ops).__name__,
        "cpu_count": os.cpu_count(),
        "usable_cores": _usable_cores(),
        "cpu_model": _cpu_model(),
        "torch_threads": torch.get_num_threads(),
        "torch_interop_threads": torch.get_num_interop_threads(),
        "torch_version": torch.__version__,
        "spacy_version": spacy.__version__,
        "thinc_version": thinc.__version__,
        "python_version": platform.python_version(),
        "platform": platform.platform(),
        "load_average_1m": load_average(),
    }


def utc_now() -> str:
    """The current UTC time, ISO 8601, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()

