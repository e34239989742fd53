import sys; sys.path.insert(0, "/work/main/tests")
from test_dashboard import *
def test_x(db):
    name = "[click](javascript:alert(1)) ![x](evil.example) **loud** <img src=x onerror=alert(1)>.txt"
    at = upload(open_app(db), (name, KUNDUZ))
    print("SOURCE", repr([e.value for e in at.success]))
    assert 0
