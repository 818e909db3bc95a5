<?xml version="1.0" encoding="UTF-8"?>
<!--
  verify.xsl: the public 回执验证 page (no certificate, no session).
  Views: form (回执编号 + 验证码) and result (valid or not), as
  cgi-bin/verify.c builds them: form with query/@no; result with
  result/@valid '1' (result/@no and result/receipt/@kind, @business,
  @seq, @unit, @person (ID numbers masked), @persons (the count),
  @issued, @voided @void-reason of a receipt voided later, and up to 5
  person children with @name @idno (masked) and fact children with
  @label: the business's key facts) or '0' (status 200
  either way; an unknown number and a wrong code answer alike).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- The GET form; $no and $code prefill it. -->
  <xsl:template name="verify-form">
    <xsl:param name="no" select="''"/>
    <xsl:param name="code" select="''"/>
    <form method="get" action="/verify" class="form">
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">编号</xsl:with-param>
            <xsl:with-param name="name">no</xsl:with-param>
            <xsl:with-param name="value" select="$no"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">32</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">验证码</xsl:with-param>
            <xsl:with-param name="name">code</xsl:with-param>
            <xsl:with-param name="value" select="$code"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">32</xsl:with-param>
            <xsl:with-param name="autocomplete">off</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="buttons"><button type="submit" class="btn btn-primary">验证</button></p>
    </form>
  </xsl:template>

  <!-- The empty form with a word on what it is for. -->
  <xsl:template match="page[@view = 'form']" mode="content">
    <section class="login-box verify">
      <h1>回执与名册真伪验证</h1>
      <p class="note">请按文件上印制的内容输入编号(回执编号、名册编号等)和验证码,核验本局出具的各类业务回执、核定表、明细表和名册等文件的真实性。</p>
      <xsl:call-template name="required-note"/>
      <xsl:call-template name="verify-form">
        <xsl:with-param name="no" select="query/@no"/>
        <xsl:with-param name="code" select="query/@code"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- The answer: the receipt's facts when valid, a clear no otherwise. -->
  <xsl:template match="page[@view = 'result']" mode="content">
    <section class="login-box verify">
      <h1>回执与名册真伪验证</h1>
      <xsl:choose>
        <xsl:when test="result/@valid = '1'">
          <xsl:variable name="r" select="result/receipt"/>
          <div class="msg msg-ok" role="status">验证通过: 该回执由<xsl:call-template name="org"/>出具,内容如下。</div>
          <xsl:if test="$r/@voided != ''">
            <div class="msg msg-error receipt-voided" role="alert"><strong>该回执已作废</strong>(<xsl:value-of select="$r/@voided"/>,<xsl:value-of select="$r/@void-reason"/>),不再具有效力。</div>
          </xsl:if>
          <table class="form-grid info">
            <tr>
              <xsl:call-template name="show-cells">
                <xsl:with-param name="label">编号</xsl:with-param>
                <xsl:with-param name="value" select="result/@no"/>
              </xsl:call-template>
            </tr>
            <tr>
              <xsl:call-template name="show-cells">
                <xsl:with-param name="label">文件类型</xsl:with-param>
                <xsl:with-param name="value" select="$r/@kind"/>
              </xsl:call-template>
            </tr>
            <tr>
              <xsl:call-template name="show-cells">
                <xsl:with-param name="label">业务名称</xsl:with-param>
                <xsl:with-param name="value" select="$r/@business"/>
              </xsl:call-template>
            </tr>
            <xsl:if test="$r/@seq != ''">
            <tr>
              <xsl:call-template name="show-cells">
                <xsl:with-param name="label">业务顺序号</xsl:with-param>
                <xsl:with-param name="value" select="$r/@seq"/>
              </xsl:call-template>
            </tr>
            </xsl:if>
            <xsl:if test="$r/@state != ''">
              <tr>
                <xsl:call-template name="show-cells">
                  <xsl:with-param name="label">当前业务状态</xsl:with-param>
                  <xsl:with-param name="value">
                    <xsl:value-of select="$r/@state"/>
                    <xsl:if test="$r/@state != '结束'">(申请回执只证明已提交申请,不代表已办结)</xsl:if>
                  </xsl:with-param>
                </xsl:call-template>
              </tr>
            </xsl:if>
            <tr>
              <xsl:call-template name="show-cells">
                <xsl:with-param name="label">单位名称</xsl:with-param>
                <xsl:with-param name="value" select="$r/@unit"/>
              </xsl:call-template>
            </tr>
            <xsl:if test="$r/@person != '' and not($r/person)">
              <tr>
                <xsl:call-template name="show-cells">
                  <xsl:with-param name="label">人员</xsl:with-param>
                  <xsl:with-param name="value" select="$r/@person"/>
                </xsl:call-template>
              </tr>
            </xsl:if>
            <xsl:if test="$r/person">
              <tr>
                <xsl:call-template name="show-cells">
                  <xsl:with-param name="label">人数</xsl:with-param>
                  <xsl:with-param name="value"><xsl:value-of select="$r/@persons"/>人</xsl:with-param>
                </xsl:call-template>
              </tr>
            </xsl:if>
            <tr>
              <xsl:call-template name="show-cells">
                <xsl:with-param name="label">出具时间</xsl:with-param>
                <xsl:with-param name="value" select="$r/@issued"/>
              </xsl:call-template>
            </tr>
          </table>
          <xsl:if test="$r/person">
            <table class="grid verify-persons">
              <caption>回执证明的人员及关键信息<xsl:if test="$r/@persons &gt; count($r/person)">(前<xsl:value-of select="count($r/person)"/>人,共<xsl:value-of select="$r/@persons"/>人)</xsl:if></caption>
              <thead>
                <tr><th>姓名</th><th>身份证号</th><th>关键信息</th></tr>
              </thead>
              <tbody>
                <xsl:for-each select="$r/person">
                  <tr>
                    <td><xsl:value-of select="@name"/></td>
                    <td class="mono"><xsl:value-of select="@idno"/></td>
                    <td>
                      <xsl:for-each select="fact">
                        <xsl:if test="position() &gt; 1">;</xsl:if>
                        <span class="fact"><xsl:value-of select="@label"/>: <xsl:value-of select="."/></span>
                      </xsl:for-each>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </xsl:if>
          <p class="note">请核对上述信息与纸质回执是否一致;不一致的回执可能已被篡改。</p>
        </xsl:when>
        <xsl:otherwise>
          <div class="msg msg-error" role="alert">编号或验证码不正确,无法确认该文件的真实性。</div>
          <p class="note">请核对文件上印制的编号和验证码后重新输入;如仍有疑问,请向出具该文件的经办机构核实。</p>
        </xsl:otherwise>
      </xsl:choose>
      <h2 class="sub">
        <xsl:choose>
          <xsl:when test="result/@valid = '1'">验证其他回执</xsl:when>
          <xsl:otherwise>重新输入</xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:call-template name="verify-form">
        <xsl:with-param name="no" select="query/@no"/>
        <xsl:with-param name="code" select="query/@code"/>
      </xsl:call-template>
    </section>
  </xsl:template>

</xsl:stylesheet>
