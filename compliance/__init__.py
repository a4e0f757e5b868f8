"""lscb-compliance: statutory compliance checks for Local Safeguarding Children Boards."""

__version__ = "0.1.0"
