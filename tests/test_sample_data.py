import hashlib

from conftest import SAMPLE


def test_sample_is_the_seed_byte_for_byte():
    digest = hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert digest == "890d920cf1daa7a6846dfb45008cde4338bbfd6467b3810804f2b755b63570cb"
