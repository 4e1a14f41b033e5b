"""boto3 against the simulated AWS, as the README tells: run by
sim/boto3_test.go with the lab's URL; prints what it saw as JSON."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

url = sys.argv[1]
cfg = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
app = dict(endpoint_url=url, region_name="us-east-1", config=cfg,
           aws_access_key_id="AKIAI44QH8DHBEXAMPLE",
           aws_secret_access_key="je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")
out = {}
out["caller"] = boto3.client("sts", **app).get_caller_identity()["Arn"]
creds = boto3.client("sts", **app).assume_role(
    RoleArn="arn:aws:iam::123456789012:role/XX-s3-upload-role", RoleSessionName="boto3")["Credentials"]
role = dict(app, aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"])
s3 = boto3.client("s3", **role)
out["put"] = bool(s3.put_object(Bucket="xx-upload-bucket", Key="upload/boto3.txt", Body=b"hello")["ETag"])
try:
    s3.put_object(Bucket="xx-upload-bucket", Key="boto3.txt", Body=b"hello")
    out["outside"] = "allowed"
except ClientError as e:
    out["outside"] = e.response["Error"]["Code"]
    out["outsideMessage"] = e.response["Error"]["Message"]
kms = boto3.client("kms", **app)
blob = kms.encrypt(KeyId="alias/XX-app-key", Plaintext=b"data key")["CiphertextBlob"]
out["decrypted"] = kms.decrypt(CiphertextBlob=blob)["Plaintext"].decode()
json.dump(out, sys.stdout)
